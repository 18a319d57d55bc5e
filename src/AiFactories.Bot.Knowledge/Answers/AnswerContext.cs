using System.Globalization;
using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Ranking;
using AiFactories.Bot.Knowledge.Reading;
using AiFactories.Bot.Knowledge.Search;

namespace AiFactories.Bot.Knowledge.Answers;

/// <summary>What every answer composer works with, and the shapes of an answer they share.</summary>
internal sealed class AnswerContext(KnowledgeCorpus corpus, KnowledgeIndex index, EntityMatcher entities, SiteFormatter formatter, EvidenceRanker ranker, AnswerSettings settings)
{
    public KnowledgeCorpus Corpus { get; } = corpus;

    public KnowledgeIndex Index { get; } = index;

    public EntityMatcher Entities { get; } = entities;

    public SiteFormatter Formatter { get; } = formatter;

    public EvidenceRanker Ranker { get; } = ranker;

    public AnswerSettings Settings { get; } = settings;

    /// <summary>The sites of the first selection, which the seed article is about.</summary>
    public IReadOnlyList<SiteRecord> FirstWave { get; } = corpus.Sites.Where(s => s.Wave == corpus.Sites.Min(x => x.Wave)).ToList();

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static Dictionary<string, string> Slots(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public string Render(string templateKey, IReadOnlyDictionary<string, string>? slots = null, SiteRecord? site = null) =>
        Formatter.Render(Formatter.Template(templateKey), site, slots);

    public Answer Answered(ParsedQuestion q, AnswerKind kind, IEnumerable<string> parts, IReadOnlyList<SiteRecord> sites, IReadOnlyList<PassageHit> passages) =>
        new(q.Text, true, kind, string.Join("\n", parts), sites, passages, sites.Select(s => Formatter.Card(s)).ToList());

    /// <summary>"Not in the sources", naming the words of the question the corpus knows nothing about.</summary>
    public Answer NotAnswered(ParsedQuestion q)
    {
        var unknown = q.UnknownWords.Select(w => $"\"{w.Word}\"").ToList();
        return unknown.Count == 0
            ? NotAnswered(q.Text)
            : NotAnswered(q.Text, Render(Templates.UnknownTerms, Slots((Templates.Slots.Terms, SiteFormatter.JoinList(unknown)))));
    }

    public Answer NotAnswered(string question, string? reason = null)
    {
        var text = Formatter.Template(Templates.Unanswered);
        return new Answer(question, false, AnswerKind.NotAnswered, reason is null ? text : reason + " " + text, [], [], []);
    }
}
