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
    private readonly ConcurrentDictionary<TermPostings, TermPostings> _shared = new(SamePostings.Instance);
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

    private long _closed;

    /// <summary>How many searches have closed early so far.</summary>
    public long Closed => Interlocked.Read(ref _closed);

    public bool Has(string term) => Postings(term) is not null;

    /// <summary>How many documents hold the term.</summary>
    public int DocFreq(string term) => Postings(term)?.Docs.Length ?? 0;

    /// <summary>
    /// The best documents for groups of alternative terms, best first (ties by document order, as
    /// Lucene's collector breaks them): each group scores as a DisjunctionMaxQuery of its terms with its
    /// boost, and the groups add up as the SHOULD clauses of a BooleanQuery. Terms no document holds are
    /// dropped, and a term already in an earlier group is not counted again.
    /// </summary>
    /// <param name="groups">Alternative terms with the boost of each group.</param>
    /// <param name="max">How many documents at most.</param>
    /// <param name="accept">When given, only the documents it accepts are scored.</param>
    /// <param name="mayClose">Whether the search may close early (see below); tests compare it with a search that may not.</param>
    public List<(int Doc, float Score, ulong Groups)> Search(IEnumerable<(IReadOnlyList<string> Terms, float Boost)> groups, int max, Func<int, bool>? accept, bool mayClose = true)
    {
        var scores = _accumulators.TryTake(out var taken) ? taken : new Accumulator(MaxDoc);
        try
        {
            var plan = Plan(groups);

            // The most the groups from each one on can still add to a sentence's score.
            var remaining = new float[plan.Count + 1];
            for (var g = plan.Count - 1; g >= 0; g--)
            {
                remaining[g] = remaining[g + 1] + plan[g].Bound;
            }

            // Once the groups left cannot lift a sentence not found yet to the score of the max-th
            // best found so far, they only add to the sentences already found: on a large index the
            // common words that come last (the subject's) then cost a lookup per candidate instead of a
            // walk through their postings. The groups are still added in the query's order, so every
            // score is the sum it would be otherwise, and the best sentences are the same.
            // The bounds hold for positive boosts only (the settings' boosts are; a zero or negative one
            // would make a group's bound too low), so a search with another never closes.
            var closed = false;
            var checks = mayClose && plan.TrueForAll(g => g.Boost > 0) ? 0 : MaxClosingChecks;
            for (var g = 0; g < plan.Count; g++)
            {
                if (!closed && checks < MaxClosingChecks && scores.Count >= max && max > 0 && remaining[g] < scores.Highest)
                {
                    checks++;
                    closed = remaining[g] * (1 + BoundMargin) < scores.KthHighest(max);
                    if (closed)
                    {
                        Interlocked.Increment(ref _closed);
                    }
                }

                var (clauses, counts, repeats, boost, bit, _) = plan[g];
                foreach (var postings in repeats)
                {
                    // A term an earlier group scored already: it counts once, but its sentences hold
                    // this group's words too.
                    scores.Mark(postings.Docs, bit, accept, closed);
                }

                if (clauses.Length == 1 && counts[0] == 1)
                {
                    var postings = clauses[0];
                    var weight = postings.Idf * boost * _k1PlusOne;
                    if (closed)
                    {
                        scores.ForFound(postings.Docs, (doc, i) => scores.Add(doc, Score(weight, postings.Freqs[i], doc), bit));
                        continue;
                    }

                    for (var i = 0; i < postings.Docs.Length; i++)
                    {
                        var doc = postings.Docs[i];
                        if (accept is null || accept(doc))
                        {
                            scores.Add(doc, Score(weight, postings.Freqs[i], doc), bit);
                        }
                    }
                }
                else if (clauses.Length > 0)
                {
                    for (var c = 0; c < clauses.Length; c++)
                    {
                        var (postings, count) = (clauses[c], counts[c]);
                        var weight = postings.Idf * boost * _k1PlusOne;
                        if (closed)
                        {
                            scores.ForFound(postings.Docs, (doc, i) => scores.AddToGroup(doc, Score(weight, postings.Freqs[i], doc), count, bit));
                            continue;
                        }

                        for (var i = 0; i < postings.Docs.Length; i++)
                        {
                            var doc = postings.Docs[i];
                            if (accept is null || accept(doc))
                            {
                                scores.AddToGroup(doc, Score(weight, postings.Freqs[i], doc), count, bit);
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

    // How many times a search looks for the max-th best score to close on (each look costs a pass
    // over the sentences found), and the slack its bound keeps for rounding.
    private const int MaxClosingChecks = 3;
    private const float BoundMargin = 1e-4f;

    /// <summary>
    /// Each group's postings: the terms it scores and those an earlier group scored already (dropped
    /// terms no document holds), its bit, and the most it can add to a score: a term adds at most
    /// idf * boost * (k1 + 1), and a group of synonyms its best term plus the tie breaker's share of the others.
    /// </summary>
    private List<PlannedGroup> Plan(IEnumerable<(IReadOnlyList<string> Terms, float Boost)> groups)
    {
        var plan = new List<PlannedGroup>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var group = -1;
        foreach (var (terms, boost) in groups)
        {
            group++;
            var bit = group < 64 ? 1UL << group : 0;
            var clauses = new List<TermPostings>();
            var counts = new List<int>();
            var repeats = new List<TermPostings>();
            foreach (var term in terms)
            {
                if (Postings(term) is not { } postings)
                {
                    continue;
                }

                if (!seen.Add(term))
                {
                    if (bit != 0)
                    {
                        repeats.Add(postings);
                    }

                    continue;
                }

                // Synonyms are expanded when the corpus is indexed, so the terms of a group often share
                // their postings (read once, see Read): such a list is walked once and counted as often
                // as its terms.
                var known = clauses.IndexOf(postings);
                if (known >= 0)
                {
                    counts[known]++;
                    continue;
                }

                clauses.Add(postings);
                counts.Add(1);
            }

            var best = 0f;
            var sum = 0f;
            for (var c = 0; c < clauses.Count; c++)
            {
                var weight = clauses[c].Idf * boost * _k1PlusOne;
                best = Math.Max(best, weight);
                sum += weight * counts[c];
            }

            var single = clauses.Count == 1 && counts[0] == 1;
            plan.Add(new([.. clauses], [.. counts], repeats, boost, bit, single ? sum : best + ((sum - best) * TieBreaker)));
        }

        return plan;
    }

    /// <summary>
    /// A group of the query: its distinct postings, how many of its terms share each, the postings of
    /// its terms an earlier group scores, its boost and bit, and the most it can add to a score.
    /// </summary>
    private readonly record struct PlannedGroup(TermPostings[] Clauses, int[] Counts, List<TermPostings> Repeats, float Boost, ulong Bit, float Bound);

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

        // Terms of one synonym line mostly have the same postings (the analyzer writes all of them
        // wherever one stands): such terms share one copy, which a search then walks once (see Plan).
        var read = new TermPostings(_similarity.IdfOf(termsEnum.DocFreq, MaxDoc), [.. docs], [.. freqs]);
        if (_shared.TryGetValue(read, out var shared))
        {
            return shared;
        }

        return _shared.Count < BoundedMemo<TermPostings>.DefaultCapacity ? _shared.GetOrAdd(read, read) : read;
    }

    private sealed record TermPostings(float Idf, int[] Docs, float[] Freqs);

    /// <summary>Postings equal by content: the same idf, documents and frequencies.</summary>
    private sealed class SamePostings : IEqualityComparer<TermPostings>
    {
        public static readonly SamePostings Instance = new();

        public bool Equals(TermPostings? x, TermPostings? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.Idf == y.Idf && x.Docs.AsSpan().SequenceEqual(y.Docs) && x.Freqs.AsSpan().SequenceEqual(y.Freqs));

        public int GetHashCode(TermPostings postings)
        {
            var hash = new HashCode();
            hash.Add(postings.Idf);
            hash.Add(postings.Docs.Length);
            var step = Math.Max(1, postings.Docs.Length / 16);
            for (var i = 0; i < postings.Docs.Length; i += step)
            {
                hash.Add(postings.Docs[i]);
                hash.Add(postings.Freqs[i]);
            }

            return hash.ToHashCode();
        }
    }

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
        private double _highest;

        /// <summary>How many documents have a score.</summary>
        public int Count => _touched.Count;

        /// <summary>The highest score so far.</summary>
        public double Highest => _highest;

        public void Add(int doc, float score, ulong group = 0)
        {
            if (_total[doc] == 0)
            {
                _touched.Add(doc);
            }

            _total[doc] += score;
            _groups[doc] |= group;
            if (_total[doc] > _highest)
            {
                _highest = _total[doc];
            }
        }

        /// <summary>The k-th highest score so far (there are at least k).</summary>
        public float KthHighest(int k)
        {
            var lowest = new PriorityQueue<float, float>(k + 1);
            foreach (var doc in _touched)
            {
                var score = (float)_total[doc];
                if (lowest.Count < k)
                {
                    lowest.Enqueue(score, score);
                }
                else if (score > lowest.Peek())
                {
                    lowest.DequeueEnqueue(score, score);
                }
            }

            return lowest.Peek();
        }

        /// <summary>
        /// Calls <paramref name="found"/> with each document of a postings list that has a score, and
        /// its position in the list: by a binary search per scored document when they are few against
        /// the list, else by a walk through the list.
        /// </summary>
        public void ForFound(int[] docs, Action<int, int> found)
        {
            if ((long)_touched.Count * 24 < docs.Length)
            {
                foreach (var doc in _touched)
                {
                    var i = Array.BinarySearch(docs, doc);
                    if (i >= 0)
                    {
                        found(doc, i);
                    }
                }

                return;
            }

            for (var i = 0; i < docs.Length; i++)
            {
                if (_total[docs[i]] != 0)
                {
                    found(docs[i], i);
                }
            }
        }

        /// <summary>Notes that these sentences hold a word of a group (one of the first 64); once closed, only the ones with a score.</summary>
        public void Mark(int[] docs, ulong bit, Func<int, bool>? accept, bool closed)
        {
            if (closed)
            {
                ForFound(docs, (doc, _) => _groups[doc] |= bit);
                return;
            }

            foreach (var doc in docs)
            {
                if (accept is null || accept(doc))
                {
                    _groups[doc] |= bit;
                }
            }
        }

        /// <summary>Adds the score of a group's term, or of <paramref name="count"/> terms sharing their postings, to the document's group sums.</summary>
        public void AddToGroup(int doc, float score, int count, ulong group)
        {
            _groups[doc] |= group;
            if (_groupSum[doc] == 0)
            {
                _groupTouched.Add(doc);
                _groupBest[doc] = score;
                _groupSum[doc] = score * count;
                return;
            }

            _groupBest[doc] = Math.Max(_groupBest[doc], score);
            _groupSum[doc] += score * count;
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
            _highest = 0;
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

