using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace AiFactories.Bot.Knowledge.Search;

/// <summary>
/// Lucene's BM25 ranking of evidence sentences, with the per-query machinery taken out. The index
/// never changes once built, so each term's postings, its idf and each sentence's length norm are
/// read from the Lucene index once; a question then costs a few array walks, where a Lucene query
/// builds weights, scorers and a collector for every term of every search. Scores are Lucene's own,
/// computed with its formula in its order (a test holds it to IndexSearcher), so nothing ranks differently.
/// </summary>
internal sealed class SentenceScorer
{
    // Lucene's DisjunctionMaxQuery tie breaker for a group of synonyms, as the search has always used.
    public const float TieBreaker = 0.1f;

    private readonly Dictionary<string, TermPostings> _postings;
    private readonly float[] _lengthNorm;
    private readonly float _k1PlusOne;

    public SentenceScorer(AtomicReader reader, string field)
    {
        var similarity = new Bm25();
        MaxDoc = reader.MaxDoc;
        _k1PlusOne = similarity.K1 + 1;
        _postings = new Dictionary<string, TermPostings>(StringComparer.Ordinal);
        _lengthNorm = new float[reader.MaxDoc];
        var terms = reader.GetTerms(field);
        if (terms is null)
        {
            return;
        }

        // BM25's length normalisation per document, from the one-byte norm Lucene stored for it.
        var collection = new CollectionStatistics(field, reader.MaxDoc, terms.DocCount, terms.SumTotalTermFreq, terms.SumDocFreq);
        var average = similarity.AverageLength(collection);
        var cache = new float[256];
        for (var i = 0; i < cache.Length; i++)
        {
            cache[i] = similarity.K1 * ((1 - similarity.B) + (similarity.B * similarity.Decode((byte)i) / average));
        }

        var norms = reader.GetNormValues(field);
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            _lengthNorm[doc] = norms is null ? similarity.K1 : cache[(sbyte)norms.Get(doc) & 0xFF];
        }

        var termsEnum = terms.GetEnumerator();
        DocsEnum? docsEnum = null;
        var docs = new List<int>();
        var freqs = new List<float>();
        while (termsEnum.MoveNext())
        {
            docs.Clear();
            freqs.Clear();
            docsEnum = termsEnum.Docs(reader.LiveDocs, docsEnum, DocsFlags.FREQS);
            while (docsEnum.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
            {
                docs.Add(docsEnum.DocID);
                freqs.Add(docsEnum.Freq);
            }

            var idf = similarity.IdfOf(termsEnum.DocFreq, reader.MaxDoc);
            _postings[termsEnum.Term.Utf8ToString()] = new TermPostings(idf, [.. docs], [.. freqs]);
        }
    }

    public int MaxDoc { get; }

    public bool Has(string term) => _postings.ContainsKey(term);

    /// <summary>How many documents hold the term.</summary>
    public int DocFreq(string term) => _postings.TryGetValue(term, out var postings) ? postings.Docs.Length : 0;

    /// <summary>
    /// The best documents for groups of alternative terms, best first (ties by document order, as
    /// Lucene's collector breaks them): each group scores as a DisjunctionMaxQuery of its terms with its
    /// boost, and the groups add up as the SHOULD clauses of a BooleanQuery. Terms no document holds are
    /// dropped, and a term already in an earlier group is not counted again.
    /// </summary>
    public List<(int Doc, float Score)> Search(IEnumerable<(IReadOnlyList<string> Terms, float Boost)> groups, int max, Func<int, bool>? accept)
    {
        var total = new Dictionary<int, double>();
        var best = new Dictionary<int, (float Max, float Sum)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var clauses = new List<TermPostings>();
        foreach (var (terms, boost) in groups)
        {
            clauses.Clear();
            foreach (var term in terms)
            {
                if (seen.Add(term) && _postings.TryGetValue(term, out var postings))
                {
                    clauses.Add(postings);
                }
            }

            if (clauses.Count == 1)
            {
                var postings = clauses[0];
                var weight = postings.Idf * boost * _k1PlusOne;
                for (var i = 0; i < postings.Docs.Length; i++)
                {
                    var doc = postings.Docs[i];
                    if (accept is null || accept(doc))
                    {
                        total[doc] = total.GetValueOrDefault(doc) + Score(weight, postings.Freqs[i], doc);
                    }
                }
            }
            else if (clauses.Count > 1)
            {
                best.Clear();
                foreach (var postings in clauses)
                {
                    var weight = postings.Idf * boost * _k1PlusOne;
                    for (var i = 0; i < postings.Docs.Length; i++)
                    {
                        var doc = postings.Docs[i];
                        if (accept is not null && !accept(doc))
                        {
                            continue;
                        }

                        var score = Score(weight, postings.Freqs[i], doc);
                        best[doc] = best.TryGetValue(doc, out var so) ? (Math.Max(so.Max, score), so.Sum + score) : (score, score);
                    }
                }

                foreach (var (doc, (bestScore, sum)) in best)
                {
                    total[doc] = total.GetValueOrDefault(doc) + (bestScore + ((sum - bestScore) * TieBreaker));
                }
            }
        }

        var ranked = new List<(int Doc, float Score)>(total.Count);
        foreach (var (doc, score) in total)
        {
            ranked.Add((doc, (float)score));
        }

        ranked.Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Doc.CompareTo(b.Doc));
        if (ranked.Count > max)
        {
            ranked.RemoveRange(max, ranked.Count - max);
        }

        return ranked;
    }

    // Lucene's BM25DocScorer.Score: weight (idf * boost * (k1 + 1)) * freq / (freq + length norm).
    private float Score(float weight, float freq, int doc) => weight * freq / (freq + _lengthNorm[doc]);

    private sealed record TermPostings(float Idf, int[] Docs, float[] Freqs);

    /// <summary>Lucene's BM25 with the parts a precomputed scorer needs made reachable.</summary>
    private sealed class Bm25 : BM25Similarity
    {
        public float IdfOf(long docFreq, long maxDoc) => Idf(docFreq, maxDoc);

        public float Decode(byte norm) => DecodeNormValue(norm);

        public float AverageLength(CollectionStatistics collection) => AvgFieldLength(collection);
    }
}
