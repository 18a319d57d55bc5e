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
    private readonly QuestionReader _reader;
    private readonly AnswerContext _context;
    private readonly AnswerComposer _composer;
    private readonly PassageComposer _passages;
    private readonly QuestionSuggestions _suggestions;

    private KnowledgeBase(KnowledgeCorpus corpus, KnowledgeIndex index, AnswerSettings settings, EntityMatcher entities, QuestionReader.Words words)
    {
        _corpus = corpus;
        _index = index;
        _entities = entities;
        _reader = new QuestionReader(words, index, _entities);
        _context = new AnswerContext(corpus, index, _entities, new EvidenceRanker(index, _entities, settings.Ranking, corpus.Languages.Packs.SelectMany(p => p.WordList(WordLists.Gigafactory)), corpus.Languages.Packs.SelectMany(p => p.WordList(WordLists.Factory)), new NetworkWaves(corpus.Sites)), settings);
        _passages = new PassageComposer(_context);
        var siteFacts = new SiteFactsComposer(_context);
        _composer = new AnswerComposer(_context, _reader, siteFacts, new CountryComposer(_context, siteFacts), new NetworkComposer(_context), _passages);
        _suggestions = new QuestionSuggestions(corpus);
        Summary = new KnowledgeSummary(
            corpus.RootPath, corpus.Documents.Count, corpus.Sites.Count(s => s.IsFactory), corpus.Sites.Count(s => s.IsAntenna), corpus.FactSheet.Entries.Count,
            corpus.Countries.Count, corpus.Languages.Packs.Count, corpus.SynonymGroups, index.Passages.Count, index.Sentences.Count, index.DocumentCount,
            index.VocabularySize, index.BuildTime, corpus.AsOf)
        {
            IndexFromCache = index.FromCache,
        };
    }

    /// <summary>
    /// Loads and validates the corpus folder and builds the index, or opens the one kept beside the
    /// corpus; <paramref name="keepIndex"/> false builds it without looking for a kept one or keeping it
    /// (a measurement of building, a throw-away corpus).
    /// </summary>
    /// <exception cref="CorpusException">The corpus is missing or wrong; the message says where.</exception>
    public static KnowledgeBase Load(string corpusPath, AnswerSettings? settings = null, bool keepIndex = true)
    {
        var corpus = CorpusLoader.Load(corpusPath);

        // The index on one core, the names and every language's words on the other.
        var building = Task.Run(() => KnowledgeIndex.Build(corpus, keepIndex));
        var entities = new EntityMatcher(corpus);
        var words = new QuestionReader.Words(corpus);
        KnowledgeIndex index;
        try
        {
            index = building.GetAwaiter().GetResult();
        }
        catch (FormatException e)
        {
            throw new CorpusException(Path.Combine(Path.GetFileName(corpus.RootPath), CorpusLoader.SynonymsFile), null, null, e.Message);
        }

        return new KnowledgeBase(corpus, index, settings ?? new AnswerSettings(), entities, words);
    }

    /// <summary>
    /// Whether a load of this corpus will find its index kept beside it from an earlier load, and so
    /// open it rather than build it (building allocates about half as much again as opening).
    /// </summary>
    public static bool HasKeptIndex(string corpusPath) => IndexCache.IsKept(Path.GetFullPath(corpusPath));

    /// <summary>What is loaded: counts, how long the index took to build, and the date the knowledge runs to.</summary>
    public KnowledgeSummary Summary { get; }

    /// <summary>Every site record (AI Factories and AI Factory Antennas), in corpus order.</summary>
    public IReadOnlyList<SiteRecord> Sites => _corpus.Sites;

    /// <summary>The languages the bot reads and answers in, English first.</summary>
    public IReadOnlyList<LanguageInfo> Languages => _corpus.Languages.Packs.Select(p => new LanguageInfo(p.Code, p.Name, p.NativeName, p.DiscordLocales)).ToList();

    /// <summary>
    /// The answer to a question, in the language it is written in (the asker's Discord
    /// <paramref name="locale"/> decides when the text is too short to tell): direct answer, evidence,
    /// site cards; or an honest "not in the sources".
    /// </summary>
    public Answer Ask(string question, string? locale = null) => _composer.Ask(question, locale);

    /// <summary>The language a text is written in (ISO 639-1), English when it cannot tell.</summary>
    public string DetectLanguage(string text) => _reader.Detect(text) is { Supported: true } detected ? detected.Code : LanguageCatalog.English;

    /// <summary>
    /// A key for grouping questions by meaning rather than by wording (what is asked, about what, with
    /// which topic words); equal for rewordings the engine reads the same way.
    /// </summary>
    public string Gist(string question, string? locale = null) => _reader.Read(question, locale).Gist();

    /// <summary>How a question is read (language, parts, what is asked, names, fields, scope, filters, words), a line per aspect.</summary>
    public string Explain(string question, string? locale = null)
    {
        var parsed = _reader.Read(question, locale);
        var text = new System.Text.StringBuilder(parsed.Explain());
        foreach (var part in parsed.Parts)
        {
            text.AppendLine($"evidence for \"{part.Text}\":");
            foreach (var ranked in _context.Ranker.Rank(part, _context.Ranker.EntityTerms(part)).Take(ExplainedEvidence))
            {
                text.AppendLine(System.FormattableString.Invariant($"  {ranked.Score:0.00} topic {ranked.TopicMatched}/{part.Topic.Count} cue {ranked.CueMatched}{(ranked.OnSubject ? string.Empty : " off-subject")}{(ranked.OtherConcept ? " other-concept" : string.Empty)}: {ranked.Sentence.Text[..Math.Min(120, ranked.Sentence.Text.Length)]}"));
            }
        }

        return text.ToString();
    }

    /// <summary>How many evidence sentences Explain shows (AIF_EXPLAIN_TOP to see more while tuning).</summary>
    private static int ExplainedEvidence => int.TryParse(Environment.GetEnvironmentVariable("AIF_EXPLAIN_TOP"), out var top) && top > 0 ? top : 3;

    /// <summary>Ranked passages for search terms, with highlights; no answer is drawn from them.</summary>
    public IReadOnlyList<PassageHit> Search(string terms, int max) => _passages.Search(_reader.Read(terms).First, max);

    /// <summary>The site a name typed by a user means (its id, any name or alias, typos forgiven), or null.</summary>
    public SiteRecord? FindSite(string name) => FindSites(name, 1).FirstOrDefault();

    /// <summary>Sites for what a user has typed, best first: id, exact name, prefix, contains, then typos.</summary>
    public IReadOnlyList<SiteRecord> FindSites(string typed, int max) => _entities.FindSites(typed, max).Select(s => s.Site).ToList();

    /// <summary>The sites that match: of a country named in any language, of a kind, of a wave; each filter optional.</summary>
    public SiteSelection SelectSites(string? country = null, string? kind = null, int? wave = null)
    {
        IEnumerable<SiteRecord> sites = _corpus.Sites;
        string? countryName = null;
        if (!string.IsNullOrWhiteSpace(country))
        {
            var parsed = _reader.Read(country).First;
            countryName = parsed.Countries.Select(c => c.Country.Name).FirstOrDefault() ?? parsed.Sites.FirstOrDefault()?.Site.Country;
            sites = sites.Where(s => s.Country == countryName);
        }

        if (kind is not null)
        {
            sites = sites.Where(s => s.Kind == kind);
        }

        if (wave is not null)
        {
            sites = sites.Where(s => s.Wave == wave);
        }

        return new SiteSelection(countryName ?? country?.Trim(), sites.ToList());
    }

    /// <summary>Questions the corpus answers well, in a language, ranked against what was typed; the first ones on empty input.</summary>
    public IReadOnlyList<string> Suggest(string? typed, int max, string? language = null) => _suggestions.For(typed, max, LanguageOf(language));

    /// <summary>Every suggested question in English.</summary>
    public IReadOnlyList<string> AllSuggestions => _suggestions.All();

    /// <summary>A site's short name as answers show it, for example "Pharos (Athens, Greece)".</summary>
    public string Label(SiteRecord site, string? language = null) => _context.Phrasing(LanguageOf(language)).Label(site);

    /// <summary>A site's card in a language; the full card adds its other names, notes and sources.</summary>
    public SiteCard Card(SiteRecord site, bool full = false, string? language = null) => _context.Phrasing(LanguageOf(language)).Card(site, full);

    /// <summary>The language code for a Discord locale or ISO code, English when the bot does not speak it.</summary>
    public string LanguageOf(string? localeOrCode) => _corpus.Languages.ForLocale(localeOrCode)?.Code ?? LanguageCatalog.English;

    /// <summary>One of the bot's own messages ("ui" in the language files) in a language, with its placeholders filled.</summary>
    public string Text(string? language, string key, params (string Key, string Value)[] slots) =>
        Phrasing.Render(_context.Phrasing(LanguageOf(language)).Ui(key), slots);

    /// <summary>Every Discord locale's translation of one of the bot's messages, for command localizations.</summary>
    public IReadOnlyDictionary<string, string> Translations(string key) =>
        _corpus.Languages.Packs.SelectMany(p => p.DiscordLocales.Select(l => (Locale: l, Text: p.Ui.GetValueOrDefault(key))))
            .Where(t => t.Text is not null)
            .GroupBy(t => t.Locale)
            .ToDictionary(g => g.Key, g => g.First().Text!, StringComparer.Ordinal);

    /// <summary>What the answers come from: each document, the fact sheet and the site records, with dates and origins.</summary>
    public IReadOnlyList<SourceSummary> Sources()
    {
        var sources = _corpus.Documents
            .Select(d => new SourceSummary($"{d.Title} ({d.Kind}, {d.Date})", d.Origin + (d.Removed is null ? string.Empty : $"\nRemoved: {d.Removed}")))
            .ToList();
        var factSheet = _corpus.FactSheet;
        sources.Add(new SourceSummary(
            $"{factSheet.Title} ({factSheet.Entries.Count} entries, to {factSheet.AsOf:yyyy-MM-dd})",
            factSheet.About + "\n" + string.Join("; ", factSheet.Entries.SelectMany(e => e.Sources).Distinct().Take(12))));
        sources.Add(new SourceSummary($"Site records ({_corpus.Sites.Count(s => s.IsFactory)} AI Factories, {_corpus.Sites.Count(s => s.IsAntenna)} antennas)", string.Join("; ", _corpus.Sites.SelectMany(s => s.Sources).Distinct().Take(30))));
        return sources;
    }

    /// <summary>
    /// The floor an answer's cost is measured against: the question's analyzed terms searched as a
    /// bag, with nothing read or composed. Prepare once, then search.
    /// </summary>
    public BareQuery PrepareBareSearch(string text) =>
        new(_index.Terms(text).Distinct(StringComparer.Ordinal).Where(_index.HasTerm).Select(t => (t, 1f)).ToList());

    /// <summary>Runs a prepared bare search; returns how many sentences it found.</summary>
    public int BareSearch(BareQuery query, int max) => _index.SearchSentencesWithLucene(query.Terms.Select(t => ((IReadOnlyList<string>)[t.Term], t.Boost)), max).Count;

    public void Dispose() => _index.Dispose();

    internal KnowledgeCorpus Corpus => _corpus;

    internal KnowledgeIndex Index => _index;

    internal QuestionReader Reader => _reader;
}

/// <summary>Counts of what is loaded.</summary>
public sealed record KnowledgeSummary(
    string CorpusPath,
    int Documents,
    int Factories,
    int Antennas,
    int FactSheetEntries,
    int Countries,
    int Languages,
    int SynonymGroups,
    int Passages,
    int Sentences,
    int LuceneDocuments,
    int VocabularyWords,
    TimeSpan IndexBuildTime,
    DateOnly AsOf)
{
    public int Sites => Factories + Antennas;

    /// <summary>Whether the Lucene index was opened from the copy kept beside the corpus (corpus/.index) instead of built.</summary>
    public bool IndexFromCache { get; init; }
}

/// <summary>The sites a selection found, with the country as resolved from what the user typed (if any).</summary>
public sealed record SiteSelection(string? Country, IReadOnlyList<SiteRecord> Sites);

/// <summary>A language the bot reads and answers in.</summary>
public sealed record LanguageInfo(string Code, string Name, string NativeName, IReadOnlyList<string> DiscordLocales);

/// <summary>One source of the bot's answers, as /sources lists it.</summary>
public sealed record SourceSummary(string Title, string Description);

/// <summary>A prepared bare search (see <see cref="KnowledgeBase.PrepareBareSearch"/>).</summary>
public sealed class BareQuery
{
    internal BareQuery(List<(string Term, float Boost)> terms) => Terms = terms;

    internal List<(string Term, float Boost)> Terms { get; }
}
