using System.Collections.Concurrent;
using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Ranking;
using AiFactories.Bot.Knowledge.Reading;
using AiFactories.Bot.Knowledge.Search;

namespace AiFactories.Bot.Knowledge.Answers;

/// <summary>What every answer composer works with.</summary>
internal sealed class AnswerContext
{
    private readonly ConcurrentDictionary<string, Phrasing> _phrasings = new(StringComparer.Ordinal);

    public AnswerContext(KnowledgeCorpus corpus, KnowledgeIndex index, EntityMatcher entities, EvidenceRanker ranker, AnswerSettings settings)
    {
        Corpus = corpus;
        Index = index;
        Entities = entities;
        Ranker = ranker;
        Settings = settings;
        SitesById = corpus.Sites.ToDictionary(s => s.Id, StringComparer.Ordinal);
        Factories = corpus.Sites.Where(s => s.IsFactory).ToList();
    }

    public KnowledgeCorpus Corpus { get; }

    public KnowledgeIndex Index { get; }

    public EntityMatcher Entities { get; }

    public EvidenceRanker Ranker { get; }

    public AnswerSettings Settings { get; }

    public IReadOnlyDictionary<string, SiteRecord> SitesById { get; }

    public IReadOnlyList<SiteRecord> Factories { get; }

    /// <summary>Each wave of AI Factories (the ranker's table: one for both).</summary>
    public NetworkWaves Waves => Ranker.Waves;

    public int FirstWave => Waves.First;

    public DateOnly WaveDate(int wave) => Waves.DateOf(wave);

    /// <summary>The phrasing of a language the corpus has, English otherwise.</summary>
    public Phrasing Phrasing(string code) => _phrasings.GetOrAdd(code, c =>
        new Phrasing(Corpus.Languages.Get(c), Corpus.Languages.Reference, SitesById));

    /// <summary>
    /// A sentence that can stand on its own: a fact sheet sentence with its entry's date, a sentence
    /// that points back ("this absence", "these sites") with the sentence before it.
    /// </summary>
    public string Resolve(Sentence sentence, Phrasing say)
    {
        var passage = Index.Passages[sentence.PassageOrdinal];
        var text = sentence.Text;
        if (PointsBack(text) && sentence.Ordinal > 0 && Index.Sentences[sentence.Ordinal - 1] is { } before && before.PassageOrdinal == sentence.PassageOrdinal)
        {
            text = $"{before.Text} {text}";
        }

        return passage.Source.Kind == "fact sheet" && passage.Source.Date is { } date && !text.Contains(date[..4], StringComparison.Ordinal)
            ? $"({say.PartialDate(date)}) {text}"
            : text;
    }

    private static readonly string[] Pointers = ["this ", "these ", "that ", "those ", "such ", "it ", "they "];

    private static bool PointsBack(string text)
    {
        var lower = text.ToLowerInvariant();
        return Pointers.Any(p => lower.StartsWith(p, StringComparison.Ordinal) || lower.Contains(" " + p, StringComparison.Ordinal) && Pointers.Take(4).Contains(p));
    }

    public static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
