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

        // A country's sites, the factories it is a partner of and the sites of a kind are looked up, not scanned for: on
        // a large network every country question would otherwise walk every record, several times.
        _sitesIn = corpus.Sites.GroupBy(s => s.Country, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        // A country's sites of one kind and their ids, made once: a country question on a network of
        // thousands of sites took them by filtering the country's records and hashing their ids each time.
        _ofKindIn = _sitesIn.ToDictionary(
            c => c.Key,
            c => c.Value.GroupBy(s => s.Kind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal),
            StringComparer.Ordinal);
        _idsOf = new Dictionary<IReadOnlyList<SiteRecord>, IReadOnlySet<string>>(ReferenceEqualityComparer.Instance);
        foreach (var list in _ofKindIn.Values.SelectMany(k => k.Values))
        {
            _idsOf[list] = list.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        }

        _ofKind = Enumerable.Range(0, corpus.Sites.Count).GroupBy(i => corpus.Sites[i].Kind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _waveOf = [.. corpus.Sites.Select(s => s.Wave)];
        _noteStems = corpus.Sites.SelectMany(s => s.Notes).Distinct(StringComparer.Ordinal).ToDictionary(n => n, index.Stems, StringComparer.Ordinal);
        _fieldOf = SiteFields.All.Where(f => f.Filter).ToDictionary(f => f.Name, f => FieldTable(corpus.Sites, f), StringComparer.Ordinal);
        _partnerOf = Factories
            .SelectMany(site => (site.PartnerCountries ?? []).Distinct(StringComparer.OrdinalIgnoreCase).Select(country => (Country: country, Site: site)))
            .GroupBy(p => p.Country, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Site).ToList(), StringComparer.OrdinalIgnoreCase);
    }

    private readonly Dictionary<string, List<SiteRecord>> _sitesIn;
    private readonly Dictionary<string, Dictionary<string, List<SiteRecord>>> _ofKindIn;
    private readonly Dictionary<IReadOnlyList<SiteRecord>, IReadOnlySet<string>> _idsOf;
    private readonly Dictionary<string, int[]> _ofKind;

    // Each site's wave by position: a scope check over thousands of sites reads this array, not each record.
    private readonly int?[] _waveOf;

    // The stems of each site note: notes are longer than the index's memo takes, and a country's facts
    // look through the notes of each of its sites (thousands at x1000) for every answer.
    private readonly Dictionary<string, List<string>> _noteStems;

    // For each field a question can filter by, which sites (by position) give it and which hold it.
    private readonly Dictionary<string, (bool[] Known, bool[] Holds)> _fieldOf;
    private readonly Dictionary<string, List<SiteRecord>> _partnerOf;

    // Which sites give a field and which hold it (a yes, or items), reading each site's values once.
    private static (bool[] Known, bool[] Holds) FieldTable(IReadOnlyList<SiteRecord> sites, SiteField field)
    {
        var (known, holds) = (new bool[sites.Count], new bool[sites.Count]);
        for (var i = 0; i < sites.Count; i++)
        {
            var values = field.Read(sites[i]);
            known[i] = values is not null;
            holds[i] = values is { Count: > 0 } and not [SiteFields.No];
        }

        return (known, holds);
    }

    /// <summary>The positions in <see cref="KnowledgeCorpus.Sites"/> of the sites of one kind (factory or antenna), in order.</summary>
    public IReadOnlyList<int> SiteOrdinalsOfKind(string kind) => _ofKind.GetValueOrDefault(kind) ?? [];

    /// <summary>
    /// The positions of the sites of one kind in a wave's scope, in order: the factories of the wave, or
    /// negated, those of no or another wave. Antennas belong to no wave and are in every scope.
    /// </summary>
    public List<int> SiteOrdinalsInScope(string kind, int? wave, bool negated)
    {
        var ofKind = SiteOrdinalsOfKind(kind);
        if (wave is null || kind != SiteKinds.Factory)
        {
            return [.. ofKind];
        }

        var inScope = new List<int>();
        foreach (var ordinal in ofKind)
        {
            if (InWave(_waveOf[ordinal], wave.Value, negated))
            {
                inScope.Add(ordinal);
            }
        }

        return inScope;
    }

    /// <summary>
    /// Which sites of one kind a wave's scope keeps (the rule of <see cref="SiteOrdinalsInScope"/>, for
    /// a list of records), or null when it keeps every one: no wave asked, or antennas.
    /// </summary>
    public Func<SiteRecord, bool>? ScopeFilter(string kind, int? wave, bool negated) =>
        wave is { } asked && kind == SiteKinds.Factory ? site => InWave(site.Wave, asked, negated) : null;

    private static bool InWave(int? siteWave, int wave, bool negated) => (siteWave == wave) != negated;

    /// <summary>The stems of a site note (see KnowledgeIndex.Stems), read once when the context is made.</summary>
    public IReadOnlyList<string> NoteStems(string note) => _noteStems.TryGetValue(note, out var stems) ? stems : Index.Stems(note);

    /// <summary>
    /// Whether the site at a position passes a filter: the field holds or has items, or negated, it is
    /// known and does not ("which have no partner countries" selects those whose list is known and empty,
    /// not those the sources say nothing of).
    /// </summary>
    public bool SiteHolds(int ordinal, Filter filter)
    {
        var (known, holds) = _fieldOf[filter.Field];
        return filter.Negated ? known[ordinal] && !holds[ordinal] : holds[ordinal];
    }

    /// <summary>The sites (factories and antennas) in a country, in the corpus's order.</summary>
    public IReadOnlyList<SiteRecord> SitesIn(string country) => _sitesIn.GetValueOrDefault(country) ?? [];

    /// <summary>The sites of one kind in a country, in the corpus's order (one list, the same every time).</summary>
    public IReadOnlyList<SiteRecord> SitesIn(string country, string kind) =>
        _ofKindIn.GetValueOrDefault(country)?.GetValueOrDefault(kind) ?? [];

    /// <summary>The ids of these sites: made once for a list <see cref="SitesIn(string, string)"/> gives, otherwise now.</summary>
    public IReadOnlySet<string> IdsOf(IReadOnlyList<SiteRecord> sites) =>
        _idsOf.TryGetValue(sites, out var ids) ? ids : sites.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);

    /// <summary>The AI Factories that name a country among their partner countries, in the corpus's order.</summary>
    public IReadOnlyList<SiteRecord> FactoriesPartneredWith(string country) => _partnerOf.GetValueOrDefault(country) ?? [];

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
