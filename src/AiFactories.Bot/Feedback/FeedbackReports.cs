using AiFactories.Bot.Answering;

namespace AiFactories.Bot.Feedback;

/// <summary>Unanswered questions that the engine reads the same way, with how often and in which languages they were asked.</summary>
/// <param name="Example">The wording asked most often (the latest among equals).</param>
/// <param name="Count">How many times a question of this group was asked.</param>
/// <param name="Languages">The languages it was asked in, most first.</param>
/// <param name="Wordings">Other wordings of it, most asked first (at most 3).</param>
/// <param name="Last">When it was last asked.</param>
public sealed record GapGroup(string Example, int Count, IReadOnlyList<string> Languages, IReadOnlyList<string> Wordings, DateTimeOffset Last);

/// <summary>What /gaps and `gaps` show.</summary>
public sealed record GapsReport(int Days, int Unanswered, IReadOnlyList<GapGroup> Groups, IReadOnlyList<DownvotedRow> Disliked);

/// <summary>What `feedback export` writes: every stored answer and vote.</summary>
public sealed record FeedbackExport(IReadOnlyList<AnswerEvent> Answers, IReadOnlyList<VoteEvent> Votes);

/// <summary>What /stats and `stats` show.</summary>
public sealed record StatsReport(int Days, int Questions, int Answered, int Up, int Down, StatsRows Rows)
{
    /// <summary>The share of questions answered, 0 to 1; null with no questions.</summary>
    public double? AnsweredShare => Questions == 0 ? null : (double)Answered / Questions;

    /// <summary>The share of 👍 among votes, 0 to 1; null with no votes.</summary>
    public double? HelpfulShare => Up + Down == 0 ? null : (double)Up / (Up + Down);
}

/// <summary>
/// The admins' views of the feedback store: the unanswered questions grouped by what the engine
/// reads in them (so "how many GPUs at LUMI" and "LUMI gpu count?" are one line), the answers most
/// voted down, and the daily counts.
/// </summary>
public sealed class FeedbackReports(IFeedbackStore store, QuestionAnswerer answerer, TimeProvider? clock = null)
{
    /// <summary>The most groups and disliked answers a report lists.</summary>
    public const int Top = 10;

    public async Task<GapsReport> GapsAsync(int days, CancellationToken cancellationToken)
    {
        var since = Since(days);
        var rows = await store.UnansweredAsync(since, cancellationToken);
        var groups = rows
            .GroupBy(row => row.Gist is { Length: > 0 } gist ? gist : answerer.Gist(row.Question, row.Language), StringComparer.Ordinal)
            .Select(group =>
            {
                var wordings = group
                    .GroupBy(row => row.Question.Trim(), StringComparer.OrdinalIgnoreCase)
                    .OrderByDescending(w => w.Count()).ThenByDescending(w => w.Max(r => r.At))
                    .Select(w => w.First().Question.Trim())
                    .ToList();
                var languages = group.GroupBy(row => row.Language, StringComparer.Ordinal)
                    .OrderByDescending(l => l.Count()).ThenBy(l => l.Key, StringComparer.Ordinal)
                    .Select(l => l.Key).ToList();
                return new GapGroup(wordings[0], group.Count(), languages, wordings.Skip(1).Take(3).ToList(), group.Max(r => r.At));
            })
            .OrderByDescending(g => g.Count).ThenByDescending(g => g.Last)
            .Take(Top)
            .ToList();
        var disliked = await store.DownvotedAsync(since, Top, cancellationToken);
        return new GapsReport(days, rows.Count, groups, disliked);
    }

    public async Task<StatsReport> StatsAsync(int days, CancellationToken cancellationToken)
    {
        var rows = await store.StatsAsync(Since(days), Now, cancellationToken);
        return new StatsReport(
            days,
            rows.Days.Sum(d => d.Questions),
            rows.Days.Sum(d => d.Answered),
            rows.Days.Sum(d => d.Up),
            rows.Days.Sum(d => d.Down),
            rows);
    }

    private DateTimeOffset Now => (clock ?? TimeProvider.System).GetUtcNow();

    /// <summary>The start of the period: midnight UTC, <paramref name="days"/> days back counting today.</summary>
    private DateTimeOffset Since(int days) => new DateTimeOffset(Now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1 - Math.Max(1, days));
}
