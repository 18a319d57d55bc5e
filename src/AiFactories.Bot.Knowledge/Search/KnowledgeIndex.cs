// The one owner of the Lucene directory, reader and analyzer: building, searching and filtering share their state, so they stay in one type.
using AiFactories.Bot.Knowledge.Text;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace AiFactories.Bot.Knowledge.Search;

/// <summary>
/// The Lucene index over the corpus: one document per sentence of evidence (documents, fact
/// sheet entries, site notes) and one per site record with a field per record field. It is built
/// once, in memory, and never changes; a reload builds a new one and swaps it whole.
/// </summary>
internal sealed partial class KnowledgeIndex : IDisposable
{
    public const string TextField = "text";
    // Each document's kind is an indexed term and its ordinal (of sentence or site) a doc value: opening
    // the index reads a column of numbers and one posting list, not every document's stored fields.
    private const string KindField = "kind";
    private const string SentenceKind = "sentence";
    private const string SiteKind = "site";
    private const string OrdinalField = "ord";
    private const string SiteFieldPrefix = "site_";

    private readonly RAMDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly int[] _sentenceOfDoc;
    private readonly int[] _siteOfDoc;
    private readonly Dictionary<string, int> _vocabulary;
    private readonly Dictionary<int, List<string>> _vocabularyByLength;
    private readonly CorpusAnalyzer _stemmer = CorpusAnalyzer.Create(string.Empty);
    private readonly HashSet<string> _siteFieldTerms = new(StringComparer.Ordinal);
    private readonly SentenceScorer _scorer;
    private readonly Dictionary<string, Dictionary<string, int[]>> _sitesOfFieldTerm = new(StringComparer.Ordinal);
    private readonly BoundedMemo<List<string>> _termCache;
    private readonly BoundedMemo<List<string>> _stemCache;
    private readonly OnDemandTable<List<(string Term, int Start, int End)>> _passageTokens;
    private readonly OnDemandTable<List<(string Term, int Start, int End)>> _sentenceTokens;
    private readonly OnDemandTable<IReadOnlySet<string>> _sentenceTerms;

    private readonly FixedBitSet _unowned;
    private readonly Dictionary<string, List<int>> _docsOfSite = new(StringComparer.Ordinal);

    /// <summary>The sentences of no site record and of the given sites' records.</summary>
    private FixedBitSet OwnedBits(IReadOnlyCollection<string> sites)
    {
        var bits = _unowned.Clone();
        foreach (var site in sites)
        {
            foreach (var doc in _docsOfSite.GetValueOrDefault(site) ?? [])
            {
                bits.Set(doc);
            }
        }

        return bits;
    }

    /// <summary>A filter over the one segment the index is merged into.</summary>
    private sealed class BitsFilter(FixedBitSet bits) : Filter
    {
        public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs) =>
            context.DocBase == 0 && context.Reader.MaxDoc == bits.Length ? BitsFilteredDocIdSet.Wrap(bits, acceptDocs) : null!;
    }

    private KnowledgeIndex(
        CorpusAnalyzer analyzer,
        RAMDirectory directory,
        DirectoryReader reader,
        List<Passage> passages,
        List<Sentence> sentences,
        List<string> searchables,
        Dictionary<string, int> vocabulary,
        TimeSpan buildTime)
    {
        Analyzer = analyzer;
        _termCache = new(text => Terms(analyzer, text));
        _stemCache = new(text => Terms(_stemmer, text));
        _directory = directory;
        Passages = passages;
        Sentences = sentences;
        _vocabulary = vocabulary;
        _vocabularyByLength = vocabulary.Keys.GroupBy(w => (w.Length << 16) | w[0]).ToDictionary(g => g.Key, g => g.ToList());
        BuildTime = buildTime;
        _reader = reader;
        _searcher = new IndexSearcher(_reader.Leaves.Count == 1 ? _reader.Leaves[0].AtomicReader : _reader) { Similarity = new BM25Similarity() };
        (_sentenceOfDoc, _siteOfDoc) = Ordinals(_reader);

        // Which sentences belong to no site record, and which to each site's: a search limited to the
        // sites asked about is a filter over these bits, with no term lookups.
        _unowned = new FixedBitSet(_reader.MaxDoc);
        for (var doc = 0; doc < _reader.MaxDoc; doc++)
        {
            if (_sentenceOfDoc[doc] < 0)
            {
                continue;
            }

            if (passages[sentences[_sentenceOfDoc[doc]].PassageOrdinal].SiteId is { } owner)
            {
                if (!_docsOfSite.TryGetValue(owner, out var docs))
                {
                    _docsOfSite[owner] = docs = [];
                }

                docs.Add(doc);
            }
            else
            {
                _unowned.Set(doc);
            }
        }

        var fields = MultiFields.GetFields(_reader);
        foreach (var field in fields)
        {
            // The text field's terms are the scorer's, read from the index when first asked about.
            if (!field.StartsWith(SiteFieldPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            // Which sites each value word of each field belongs to: a filter is a lookup, not a query.
            var byTerm = new Dictionary<string, int[]>(StringComparer.Ordinal);
            _sitesOfFieldTerm[field[SiteFieldPrefix.Length..]] = byTerm;
            var termsEnum = fields.GetTerms(field).GetEnumerator();
            DocsEnum? docs = null;
            while (termsEnum.MoveNext())
            {
                var text = termsEnum.Term.Utf8ToString();
                _siteFieldTerms.Add(text);
                var sites = new List<int>();
                docs = termsEnum.Docs(null, docs, DocsFlags.NONE);
                while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                {
                    if (_siteOfDoc[docs.DocID] >= 0)
                    {
                        sites.Add(_siteOfDoc[docs.DocID]);
                    }
                }

                byTerm[text] = [.. sites];
            }
        }

        _scorer = new SentenceScorer(_reader.Leaves.Count == 1 ? _reader.Leaves[0].AtomicReader : SlowCompositeReaderWrapper.Wrap(_reader), TextField);

        // Highlighting scans these instead of analyzing the passage again for every answer.
        _passageTokens = new(passages.Count, p => Tokens(analyzer, passages[p].Text));
        _sentenceTokens = new(sentences.Count, s => Tokens(analyzer, sentences[s].Text));

        // A sentence's terms (as it is searched: with the sentence it borrows from and its fact sheet
        // entry's title) are analyzed when a search first ranks it, not for every sentence at every
        // start: they were a third of opening a kept index, and a set per sentence that the load's
        // collections copied.
        _sentenceTerms = new(sentences.Count, s => Terms(analyzer, searchables[s]).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// Whether a kept index is laid out as this one writes it: every document there (none deleted), in
    /// one segment, each with its ordinal as a numeric doc value.
    /// </summary>
    private static bool Fits(DirectoryReader reader, int documents) =>
        reader.MaxDoc == documents && reader.NumDocs == documents && reader.Leaves.Count == 1
        && reader.Leaves[0].AtomicReader.FieldInfos.FieldInfo(OrdinalField)?.DocValuesType == DocValuesType.NUMERIC;

    /// <summary>Each document's sentence ordinal (-1 for a site's document) and site ordinal (-1 for a sentence's).</summary>
    private static (int[] SentenceOfDoc, int[] SiteOfDoc) Ordinals(DirectoryReader reader)
    {
        var sentenceOfDoc = new int[reader.MaxDoc];
        var siteOfDoc = new int[reader.MaxDoc];
        Array.Fill(siteOfDoc, -1);
        var ordinals = MultiDocValues.GetNumericValues(reader, OrdinalField)
            ?? throw new InvalidOperationException($"the index has no '{OrdinalField}' values");
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            sentenceOfDoc[doc] = checked((int)ordinals.Get(doc));
        }

        var sites = MultiFields.GetTermDocsEnum(reader, MultiFields.GetLiveDocs(reader), KindField, new BytesRef(SiteKind), DocsFlags.NONE);
        while (sites is not null && sites.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
        {
            siteOfDoc[sites.DocID] = sentenceOfDoc[sites.DocID];
            sentenceOfDoc[sites.DocID] = -1;
        }

        return (sentenceOfDoc, siteOfDoc);
    }

    /// <summary>The analyzed tokens of a passage, with offsets, computed once when first highlighted.</summary>
    public IReadOnlyList<(string Term, int Start, int End)> PassageTokens(int passageOrdinal) => _passageTokens[passageOrdinal];

    /// <summary>The analyzed terms of a sentence as it is searched, computed once when first ranked.</summary>
    public IReadOnlySet<string> SentenceTerms(int sentenceOrdinal) => _sentenceTerms[sentenceOrdinal];

    /// <summary>The analyzed tokens of a sentence, with offsets, computed once when first highlighted.</summary>
    public IReadOnlyList<(string Term, int Start, int End)> SentenceTokens(int sentenceOrdinal) => _sentenceTokens[sentenceOrdinal];

    public CorpusAnalyzer Analyzer { get; }

    public IReadOnlyList<Passage> Passages { get; }

    public IReadOnlyList<Sentence> Sentences { get; }

    public TimeSpan BuildTime { get; }

    /// <summary>Whether the Lucene index was opened from the copy kept beside the corpus rather than built.</summary>
    public bool FromCache { get; init; }

    public int DocumentCount => _reader.NumDocs;

    /// <summary>How many sentence searches have closed early (see <see cref="SentenceScorer"/>).</summary>
    public long SearchesClosed => _scorer.Closed;

    public int VocabularySize => _vocabulary.Count;

    /// <summary>The analyzed terms of a text, in order (cached for short texts; do not modify the list).</summary>
    public List<string> Terms(string text) => text.Length > MaxCachedLength ? Terms(Analyzer, text) : _termCache[text];

    /// <summary>The analyzed terms of a text without synonym expansion: its words' own stems.</summary>
    public List<string> Stems(string text) => text.Length > MaxCachedLength ? Terms(_stemmer, text) : _stemCache[text];

    // Questions repeat their words and short phrases; a long text is analyzed each time.
    private const int MaxCachedLength = 64;

    private static List<string> Terms(CorpusAnalyzer analyzer, string text)
    {
        var terms = new List<string>();
        foreach (var token in Tokens(analyzer, text))
        {
            terms.Add(token.Term);
        }

        return terms;
    }

    private static List<(string Term, int Start, int End)> Tokens(CorpusAnalyzer analyzer, string text)
    {
        var tokens = new List<(string, int, int)>();
        using var stream = analyzer.GetTokenStream(TextField, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add((term.ToString(), offset.StartOffset, offset.EndOffset));
        }

        stream.End();
        return tokens;
    }

    public bool IsSurfaceWord(string foldedWord) => _vocabulary.ContainsKey(foldedWord);

    /// <summary>Whether the analyzed term occurs in any evidence sentence or site record.</summary>
    public bool HasTerm(string term) => _siteFieldTerms.Contains(term) || _scorer.Has(term);

    /// <summary>The share of evidence sentences that hold a term.</summary>
    public double SentenceFrequency(string term) =>
        Sentences.Count == 0 ? 0 : (double)_scorer.DocFreq(term) / Sentences.Count;

    /// <summary>The closest word of the corpus to a misspelt one, or null when none is close enough.</summary>
    public string? Correct(string foldedWord)
    {
        var allowed = EditDistance.AllowedEdits(foldedWord.Length);
        if (allowed == 0)
        {
            return null;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        var bestCount = 0;
        // Typos rarely touch the first letter: only words of a close length that share it are tried,
        // which keeps correction fast on a large vocabulary.
        for (var length = foldedWord.Length - allowed; length <= foldedWord.Length + allowed; length++)
        {
            if (!_vocabularyByLength.TryGetValue((length << 16) | foldedWord[0], out var words))
            {
                continue;
            }

            foreach (var word in words)
            {
                var distance = EditDistance.Distance(foldedWord, word, allowed);
                if (distance > allowed)
                {
                    continue;
                }

                var count = _vocabulary[word];
                if (distance < bestDistance || (distance == bestDistance && count > bestCount))
                {
                    best = word;
                    bestDistance = distance;
                    bestCount = count;
                }
            }
        }

        return best;
    }

    /// <summary>
    /// Ranks evidence sentences for groups of alternative terms: a word of the question and its
    /// synonyms are one group, scored by the best of them, so that a sentence saying "investment" and
    /// "money" is not counted twice for "funding".
    /// </summary>
    /// <param name="groups">Alternative terms with the boost of each group.</param>
    /// <param name="max">How many sentences at most.</param>
    /// <param name="sites">
    /// When given, sentences of site records are searched only in these sites' records, so that the
    /// records of sites nobody asked about do not take the places of the documents' sentences.
    /// </param>
    /// <param name="mayClose">Whether the search may stop adding new sentences once they cannot reach the top (tests turn it off to compare).</param>
    /// <returns>Each sentence with its score and, as bits, which of the first 64 groups it holds a term of.</returns>
    public IReadOnlyList<(Sentence Sentence, float Score, ulong Groups)> SearchSentences(IEnumerable<(IReadOnlyList<string> Terms, float Boost)> groups, int max, IReadOnlyCollection<string>? sites = null, bool mayClose = true)
    {
        var owned = sites is null ? null : OwnedBits(sites);
        var hits = _scorer.Search(groups, max, owned is null ? null : doc => owned.Get(doc), mayClose);
        var results = new List<(Sentence, float, ulong)>(hits.Count);
        foreach (var (doc, score, held) in hits)
        {
            var ordinal = _sentenceOfDoc[doc];
            if (ordinal >= 0)
            {
                results.Add((Sentences[ordinal], score, held));
            }
        }

        return results;
    }

    /// <summary>
    /// The same ranking as <see cref="SearchSentences"/>, through Lucene's IndexSearcher with a
    /// BooleanQuery of TermQuery and DisjunctionMaxQuery clauses: the floor the benchmark measures
    /// answers against, and what the precomputed scorer is tested to agree with.
    /// </summary>
    public IReadOnlyList<(Sentence Sentence, float Score)> SearchSentencesWithLucene(IEnumerable<(IReadOnlyList<string> Terms, float Boost)> groups, int max, IReadOnlyCollection<string>? sites = null)
    {
        var query = new BooleanQuery();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (terms, boost) in groups)
        {
            var clauses = terms.Where(seen.Add).Where(_scorer.Has)
                .Select(term => new TermQuery(new Term(TextField, term)))
                .ToList();
            if (clauses.Count == 1)
            {
                clauses[0].Boost = boost;
                query.Add(clauses[0], Occur.SHOULD);
            }
            else if (clauses.Count > 1)
            {
                var best = new DisjunctionMaxQuery(SentenceScorer.TieBreaker) { Boost = boost };
                foreach (var clause in clauses)
                {
                    best.Add(clause);
                }

                query.Add(best, Occur.SHOULD);
            }
        }

        if (query.Clauses.Count == 0)
        {
            return [];
        }

        var hits = _searcher.Search(query, sites is null ? null : new BitsFilter(OwnedBits(sites)), max).ScoreDocs;
        var results = new List<(Sentence, float)>(hits.Length);
        foreach (var hit in hits)
        {
            var ordinal = _sentenceOfDoc[hit.Doc];
            if (ordinal >= 0)
            {
                results.Add((Sentences[ordinal], hit.Score));
            }
        }

        return results;
    }

    /// <summary>
    /// Marks, in a table indexed by site ordinal, the site records whose field holds any of the
    /// analyzed terms; returns whether it marked any.
    /// </summary>
    public bool MarkSitesWithTerms(string field, IEnumerable<string> terms, bool[] marks)
    {
        if (_sitesOfFieldTerm.GetValueOrDefault(field) is not { } byTerm)
        {
            return false;
        }

        var any = false;

        foreach (var term in terms)
        {
            if (byTerm.TryGetValue(term, out var ordinals))
            {
                foreach (var ordinal in ordinals)
                {
                    marks[ordinal] = any = true;
                }
            }
        }

        return any;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _stemmer.Dispose();
        Analyzer.Dispose();
    }
}
