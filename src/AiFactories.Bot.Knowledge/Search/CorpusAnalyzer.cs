using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Util;

namespace AiFactories.Bot.Knowledge.Search;

/// <summary>
/// The single analyzer for indexing and for questions: standard tokens, possessives dropped,
/// lower case, accents folded, the corpus synonyms, English stop words, Porter stems.
/// </summary>
internal sealed class CorpusAnalyzer : Analyzer
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly SynonymMap? _synonyms;

    private CorpusAnalyzer(SynonymMap? synonyms) => _synonyms = synonyms;

    /// <summary>Builds the analyzer; throws <see cref="FormatException"/> naming the line when the synonyms do not parse.</summary>
    public static CorpusAnalyzer Create(string synonymsText)
    {
        // The stemmer of site fields and of names has no synonyms: no parser and no empty map to build.
        if (string.IsNullOrWhiteSpace(synonymsText))
        {
            return new CorpusAnalyzer(null);
        }

        using var surface = new SurfaceAnalyzer();
        var parser = new SolrSynonymParser(dedup: true, expand: true, surface);
        try
        {
            parser.Parse(new StringReader(synonymsText));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or IOException)
        {
            throw new FormatException($"synonyms do not parse: {e.Message}", e);
        }

        var map = parser.Build();
        return new CorpusAnalyzer(map.Fst is null ? null : map);
    }

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = SurfaceAnalyzer.Normalize(tokenizer);
        if (_synonyms is not null)
        {
            stream = new SynonymFilter(stream, _synonyms, ignoreCase: true);
        }

        stream = new StopFilter(Version, stream, StopAnalyzer.ENGLISH_STOP_WORDS_SET);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    /// <summary>The part of the chain before synonyms, which is also how synonym entries are read.</summary>
    private sealed class SurfaceAnalyzer : Analyzer
    {
        public static TokenStream Normalize(TokenStream stream)
        {
            stream = new EnglishPossessiveFilter(Version, stream);
            stream = new LowerCaseFilter(Version, stream);
            return new ASCIIFoldingFilter(stream);
        }

        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new StandardTokenizer(Version, reader);
            return new TokenStreamComponents(tokenizer, Normalize(tokenizer));
        }
    }
}
