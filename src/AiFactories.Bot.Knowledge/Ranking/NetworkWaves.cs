using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Reading;

namespace AiFactories.Bot.Knowledge.Ranking;

/// <summary>
/// The waves of AI Factories as the records give them: each wave's number, selection date and size,
/// and which wave a question's scope ("the first wave", "the third one") means. One table for the
/// ranker (evidence dated to the wave asked about) and the answers (lists, counts, timelines).
/// </summary>
internal sealed class NetworkWaves
{
    public NetworkWaves(IEnumerable<SiteRecord> sites)
    {
        All = sites.Where(s => s.IsFactory).GroupBy(s => s.Wave ?? 0).OrderBy(g => g.Key)
            .Select(g => (Wave: g.Key, Date: g.Min(s => s.Announced), Count: g.Count()))
            .ToList();
    }

    /// <summary>Each wave: its number, selection date and size.</summary>
    public IReadOnlyList<(int Wave, DateOnly Date, int Count)> All { get; }

    public int First => All.Count == 0 ? 1 : All[0].Wave;

    public DateOnly DateOf(int wave) => All.FirstOrDefault(w => w.Wave == wave).Date;

    /// <summary>The wave a scope names, or null for a scope that names none ("now", none at all).</summary>
    public int? Of(Scope scope) => scope switch
    {
        Scope.FirstWave => First,
        Scope.SecondWave => First + 1,
        Scope.ThirdWave => First + 2,
        _ => null,
    };

    /// <summary>The selection date of the wave a question is about, or null when it is about none (or negates it).</summary>
    public DateOnly? DateOf(QuestionPart part) =>
        !part.ScopeNegated && Of(part.Scope) is { } wave && DateOf(wave) is var date && date != default ? date : null;
}
