using AiFactories.Bot.Knowledge.Answers;
using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Ranking;
using AiFactories.Bot.Knowledge.Reading;
using AiFactories.Bot.Knowledge.Search;

namespace AiFactories.Bot.Knowledge;

/// <summary>
/// The front door of the knowledge layer: one loaded, immutable state of the corpus, its index and
/// the engine over them. Every front end (command line, slash commands, gateway mentions) asks,
/// searches and looks sites up through it and nothing else. Safe to share between threads; a reload
/// builds a new one and swaps the reference.
/// </summary>
public sealed class KnowledgeBase : IDisposable
{
    private readonly KnowledgeCorpus _corpus;
    private readonly KnowledgeIndex _index;
    private readonly EntityMatcher _entities;
    private readonly SiteFormatter _formatter;
    private readonly QuestionReader _reader;
    private readonly AnswerComposer _composer;
    private readonly PassageComposer _passages;
    private readonly QuestionSuggestions _suggestions;

    private KnowledgeBase(KnowledgeCorpus corpus, KnowledgeIndex index, AnswerSettings settings)
    {
        _corpus = corpus;
        _index = index;
        _entities = new EntityMatcher(corpus);
        _formatter = new SiteFormatter(corpus.Lexicon);
        _reader = new QuestionReader(corpus, index, _entities);
        var context = new AnswerContext(corpus, index, _entities, _formatter, new EvidenceRanker(index, _entities, settings.Ranking), settings);
        _passages = new PassageComposer(context);
        _composer = new AnswerComposer(_reader, new SiteFactsComposer(context, new CountryComposer(context)), new SiteListComposer(context), _passages);
        _suggestions = new QuestionSuggestions(corpus, _formatter);
        Summary = new KnowledgeSummary(
            corpus.RootPath, corpus.Documents.Count, corpus.Sites.Count, corpus.FactSheet.Entries.Count, corpus.Countries.Count,
            corpus.SynonymGroups, index.Passages.Count, index.Sentences.Count, index.DocumentCount, index.VocabularySize, index.BuildTime);
    }

    /// <summary>Loads and validates the corpus folder and builds the index.</summary>
    /// <exception cref="CorpusException">The corpus is missing or wrong; the message says where.</exception>
    public static KnowledgeBase Load(string corpusPath, AnswerSettings? settings = null)
    {
        var corpus = CorpusLoader.Load(corpusPath);
        KnowledgeIndex index;
        try
        {
            index = KnowledgeIndex.Build(corpus);
        }
        catch (FormatException e)
        {
            throw new CorpusException(Path.Combine(Path.GetFileName(corpus.RootPath), CorpusLoader.SynonymsFile), null, null, e.Message);
        }

        return new KnowledgeBase(corpus, index, settings ?? new AnswerSettings());
    }

    /// <summary>What is loaded: counts and how long the index took to build.</summary>
    public KnowledgeSummary Summary { get; }

    /// <summary>Every site record, in corpus order.</summary>
    public IReadOnlyList<SiteRecord> Sites => _corpus.Sites;

    /// <summary>The answer to a question: direct answer, evidence, site cards; or an honest "not in the sources".</summary>
    public Answer Ask(string question) => _composer.Ask(question);

    /// <summary>How a question is read (entities, fields, topic words, typo fixes), a line per aspect.</summary>
    public string Explain(string question) => _reader.Read(question).Explain();

    /// <summary>Ranked passages for search terms, with highlights; no answer is drawn from them.</summary>
    public IReadOnlyList<PassageHit> Search(string terms, int max) => _passages.Search(_reader.Read(terms), max);

    /// <summary>The site a name typed by a user means (any name or alias, typos forgiven), or null.</summary>
    public SiteRecord? FindSite(string name) => FindSites(name, 1).FirstOrDefault();

    /// <summary>Sites for what a user has typed, best first: exact name, prefix, contains, then typos.</summary>
    public IReadOnlyList<SiteRecord> FindSites(string typed, int max) => _entities.FindSites(typed, max).Select(s => s.Site).ToList();

    /// <summary>The sites of a country named in any language (by itself, a city or a site's name), with the country's name.</summary>
    public CountrySites SitesIn(string country)
    {
        var parsed = _reader.Read(country);
        var named = parsed.Sites.Select(s => s.Site).ToList();
        var name = named.FirstOrDefault()?.Country ?? parsed.Countries.Select(c => c.Country.Name).FirstOrDefault() ?? country.Trim();
        var countries = named.Select(s => s.Country).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new CountrySites(name, _corpus.Sites.Where(s => countries.Contains(s.Country)).ToList());
    }

    /// <summary>Questions the corpus answers well, ranked against what was typed; the first ones on empty input.</summary>
    public IReadOnlyList<string> Suggest(string? typed, int max) => _suggestions.For(typed, max);

    /// <summary>Every suggested question.</summary>
    public IReadOnlyList<string> AllSuggestions => _suggestions.All;

    /// <summary>A site's short name as answers show it, for example "Pharos (Athens, Greece)".</summary>
    public string Label(SiteRecord site) => _formatter.Label(site);

    /// <summary>A site's card; the full card adds its other names, notes and sources.</summary>
    public SiteCard Card(SiteRecord site, bool full = false) => _formatter.Card(site, full);

    /// <summary>What the answers come from: each document, the fact sheet and the site records, with dates and origins.</summary>
    public IReadOnlyList<SourceSummary> Sources()
    {
        var sources = _corpus.Documents
            .Select(d => new SourceSummary($"{d.Title} ({d.Kind}, {SiteFormatter.FormatDate(d.Date)})", d.Origin + (d.Removed is null ? string.Empty : $"\nRemoved: {d.Removed}")))
            .ToList();
        var factSheet = _corpus.FactSheet;
        sources.Add(new SourceSummary(
            $"{factSheet.Title} ({factSheet.Entries.Count} entries)",
            factSheet.About + "\n" + string.Join("; ", factSheet.Entries.SelectMany(e => e.Sources).Distinct().Take(12))));
        sources.Add(new SourceSummary($"Site records ({_corpus.Sites.Count})", string.Join("; ", _corpus.Sites.SelectMany(s => s.Sources).Distinct())));
        return sources;
    }

    /// <summary>
    /// The floor an answer's cost is measured against: the question's analyzed terms searched as a
    /// bag, with nothing read or composed. Prepare once, then search.
    /// </summary>
    public BareQuery PrepareBareSearch(string text) =>
        new(_index.Terms(text).Distinct(StringComparer.Ordinal).Where(_index.HasTerm).Select(t => (t, 1f)).ToList());

    /// <summary>Runs a prepared bare search; returns how many sentences it found.</summary>
    public int BareSearch(BareQuery query, int max) => _index.SearchSentences(query.Terms, max).Count;

    public void Dispose() => _index.Dispose();

    internal KnowledgeCorpus Corpus => _corpus;

    internal KnowledgeIndex Index => _index;

    internal QuestionReader Reader => _reader;

}

/// <summary>Counts of what is loaded.</summary>
public sealed record KnowledgeSummary(
    string CorpusPath,
    int Documents,
    int Sites,
    int FactSheetEntries,
    int OtherCountries,
    int SynonymGroups,
    int Passages,
    int Sentences,
    int LuceneDocuments,
    int VocabularyWords,
    TimeSpan IndexBuildTime);

/// <summary>A country as the user named it, resolved, and its sites (none when it hosts none).</summary>
public sealed record CountrySites(string Country, IReadOnlyList<SiteRecord> Sites);

/// <summary>One source of the bot's answers, as /sources lists it.</summary>
public sealed record SourceSummary(string Title, string Description);

/// <summary>A prepared bare search (see <see cref="KnowledgeBase.PrepareBareSearch"/>).</summary>
public sealed class BareQuery
{
    internal BareQuery(List<(string Term, float Boost)> terms) => Terms = terms;

    internal List<(string Term, float Boost)> Terms { get; }
}
