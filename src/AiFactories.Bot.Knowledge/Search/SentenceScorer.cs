using AiFactories.Bot.Knowledge.Text;
using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace AiFactories.Bot.Knowledge.Search;

/// <summary>
/// Lucene's BM25 ranking of evidence sentences, with the per-query machinery taken out. The index
/// never changes once built, so a term's postings and idf are read from the Lucene index the first
/// time a question uses the term and kept, and each sentence's length norm once at load; a question
/// then costs a few array walks, where a Lucene query builds weights, scorers and a collector for
/// every term of every search. Scores are Lucene's own, computed with its formula in its order (a
/// test holds the ranking to IndexSearcher's), so nothing ranks differently.
/// </summary>
internal sealed class SentenceScorer
{
    // Lucene's DisjunctionMaxQuery tie breaker for a group of synonyms, as the search has always used.
    public const float TieBreaker = 0.1f;

    private readonly Terms? _terms;
    private readonly IBits? _liveDocs;
    private readonly Bm25 _similarity = new();
    private readonly BoundedMemo<TermPostings?> _postings;
    private readonly ConcurrentBag<Accumulator> _accumulators = [];
    private readonly float[] _lengthNorm;
    private readonly float _k1PlusOne;

    public SentenceScorer(AtomicReader reader, string field)
    {
        MaxDoc = reader.MaxDoc;
        _postings = new(Read);
        _k1PlusOne = _similarity.K1 + 1;
        _lengthNorm = new float[reader.MaxDoc];
        _terms = reader.GetTerms(field);
        _liveDocs = reader.LiveDocs;
        if (_terms is null)
        {
            return;
        }

        // BM25's length normalisation per document, from the one-byte norm Lucene stored for it.
        var collection = new CollectionStatistics(field, reader.MaxDoc, _terms.DocCount, _terms.SumTotalTermFreq, _terms.SumDocFreq);
        var average = _similarity.AverageLength(collection);
        var cache = new float[256];
        for (var i = 0; i < cache.Length; i++)
        {
            cache[i] = _similarity.K1 * ((1 - _similarity.B) + (_similarity.B * _similarity.Decode((byte)i) / average));
        }

        var norms = reader.GetNormValues(field);
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            _lengthNorm[doc] = norms is null ? _similarity.K1 : cache[(sbyte)norms.Get(doc) & 0xFF];
        }
    }

    public int MaxDoc { get; }

    public bool Has(string term) => Postings(term) is not null;

    /// <summary>How many documents hold the term.</summary>
    public int DocFreq(string term) => Postings(term)?.Docs.Length ?? 0;

    /// <summary>
    /// The best documents for groups of alternative terms, best first (ties by document order, as
    /// Lucene's collector breaks them): each group scores as a DisjunctionMaxQuery of its terms with its
    /// boost, and the groups add up as the SHOULD clauses of a BooleanQuery. Terms no document holds are
    /// dropped, and a term already in an earlier group is not counted again.
    /// </summary>
    public List<(int Doc, float Score, ulong Groups)> Search(IEnumerable<(IReadOnlyList<string> Terms, float Boost)> groups, int max, Func<int, bool>? accept)
    {
        var scores = _accumulators.TryTake(out var taken) ? taken : new Accumulator(MaxDoc);
        try
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var clauses = new List<TermPostings>();
            var group = -1;
            foreach (var (terms, boost) in groups)
            {
                clauses.Clear();
                group++;
                foreach (var term in terms)
                {
                    if (Postings(term) is not { } postings)
                    {
                        continue;
                    }

                    if (seen.Add(term))
                    {
                        clauses.Add(postings);
                    }
                    else if (group < 64)
                    {
                        // A term an earlier group scored already: it counts once, but its sentences
                        // hold this group's words too.
                        scores.Mark(postings.Docs, 1UL << group, accept);
                    }
                }

                var bit = group < 64 ? 1UL << group : 0;

                if (clauses.Count == 1)
                {
                    var postings = clauses[0];
                    var weight = postings.Idf * boost * _k1PlusOne;
                    for (var i = 0; i < postings.Docs.Length; i++)
                    {
                        var doc = postings.Docs[i];
                        if (accept is null || accept(doc))
                        {
                            scores.Add(doc, Score(weight, postings.Freqs[i], doc), bit);
                        }
                    }
                }
                else if (clauses.Count > 1)
                {
                    foreach (var postings in clauses)
                    {
                        var weight = postings.Idf * boost * _k1PlusOne;
                        for (var i = 0; i < postings.Docs.Length; i++)
                        {
                            var doc = postings.Docs[i];
                            if (accept is null || accept(doc))
                            {
                                scores.AddToGroup(doc, Score(weight, postings.Freqs[i], doc), bit);
                            }
                        }
                    }

                    scores.CloseGroup(TieBreaker);
                }
            }

            return scores.Best(max);
        }
        finally
        {
            scores.Clear();
            _accumulators.Add(scores);
        }
    }

    // Lucene's BM25DocScorer.Score: weight (idf * boost * (k1 + 1)) * freq / (freq + length norm).
    private float Score(float weight, float freq, int doc) => weight * freq / (freq + _lengthNorm[doc]);

    private TermPostings? Postings(string term) => _postings[term];

    private TermPostings? Read(string term)
    {
        if (_terms is null)
        {
            return null;
        }

        var termsEnum = _terms.GetEnumerator();
        if (!termsEnum.SeekExact(new BytesRef(term)))
        {
            return null;
        }

        var docs = new List<int>(termsEnum.DocFreq);
        var freqs = new List<float>(termsEnum.DocFreq);
        var docsEnum = termsEnum.Docs(_liveDocs, null, DocsFlags.FREQS);
        while (docsEnum.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
        {
            docs.Add(docsEnum.DocID);
            freqs.Add(docsEnum.Freq);
        }

        return new TermPostings(_similarity.IdfOf(termsEnum.DocFreq, MaxDoc), [.. docs], [.. freqs]);
    }

    private sealed record TermPostings(float Idf, int[] Docs, float[] Freqs);

    /// <summary>
    /// Scores of one search over dense arrays (BM25 scores are positive, so zero means untouched), with
    /// the touched documents listed so that clearing costs what the search found, not the index size.
    /// Reused between searches.
    /// </summary>
    private sealed class Accumulator(int size)
    {
        private readonly double[] _total = new double[size];
        private readonly ulong[] _groups = new ulong[size];
        private readonly float[] _groupBest = new float[size];
        private readonly float[] _groupSum = new float[size];
        private readonly List<int> _touched = [];
        private readonly List<int> _groupTouched = [];

        public void Add(int doc, float score, ulong group = 0)
        {
            if (_total[doc] == 0)
            {
                _touched.Add(doc);
            }

            _total[doc] += score;
            _groups[doc] |= group;
        }

        /// <summary>Notes that these sentences hold a word of a group (one of the first 64).</summary>
        public void Mark(int[] docs, ulong bit, Func<int, bool>? accept)
        {
            foreach (var doc in docs)
            {
                if (accept is null || accept(doc))
                {
                    _groups[doc] |= bit;
                }
            }
        }

        public void AddToGroup(int doc, float score, ulong group)
        {
            _groups[doc] |= group;
            if (_groupSum[doc] == 0)
            {
                _groupTouched.Add(doc);
                _groupBest[doc] = score;
                _groupSum[doc] = score;
                return;
            }

            _groupBest[doc] = Math.Max(_groupBest[doc], score);
            _groupSum[doc] += score;
        }

        public void CloseGroup(float tieBreaker)
        {
            foreach (var doc in _groupTouched)
            {
                var best = _groupBest[doc];
                Add(doc, best + ((_groupSum[doc] - best) * tieBreaker));
                _groupBest[doc] = 0;
                _groupSum[doc] = 0;
            }

            _groupTouched.Clear();
        }

        /// <summary>The best documents, best first, ties by document order; a heap of <paramref name="max"/> keeps it linear in what was found.</summary>
        public List<(int Doc, float Score, ulong Groups)> Best(int max)
        {
            var heap = new PriorityQueue<int, (float Score, int Doc)>(Math.Min(max, _touched.Count) + 1, Worst.Instance);
            foreach (var doc in _touched)
            {
                var score = (float)_total[doc];
                if (heap.Count < max)
                {
                    heap.Enqueue(doc, (score, doc));
                }
                else if (max > 0 && heap.TryPeek(out _, out var worst) && Worst.Instance.Compare((score, doc), worst) > 0)
                {
                    // Better than the worst kept: it takes its place. Most documents of a large search
                    // are not, and cost one comparison instead of a push and a pop.
                    heap.DequeueEnqueue(doc, (score, doc));
                }
            }

            var best = new List<(int Doc, float Score, ulong Groups)>(heap.Count);
            while (heap.TryDequeue(out var doc, out var key))
            {
                best.Add((doc, key.Score, _groups[doc]));
            }

            best.Reverse();
            return best;
        }

        public void Clear()
        {
            foreach (var doc in _touched)
            {
                _total[doc] = 0;
                _groups[doc] = 0;
            }

            _touched.Clear();
            foreach (var doc in _groupTouched)
            {
                _groupBest[doc] = 0;
                _groupSum[doc] = 0;
            }

            _groupTouched.Clear();
        }
    }

    /// <summary>Orders the heap so that its head is the worst hit: the lowest score, and of equal scores the later document.</summary>
    private sealed class Worst : IComparer<(float Score, int Doc)>
    {
        public static readonly Worst Instance = new();

        public int Compare((float Score, int Doc) x, (float Score, int Doc) y) =>
            x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Doc.CompareTo(x.Doc);
    }

    /// <summary>Lucene's BM25 with the parts a precomputed scorer needs made reachable.</summary>
    private sealed class Bm25 : BM25Similarity
    {
        public float IdfOf(long docFreq, long maxDoc) => Idf(docFreq, maxDoc);

        public float Decode(byte norm) => DecodeNormValue(norm);

        public float AverageLength(CollectionStatistics collection) => AvgFieldLength(collection);
    }
}
