using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Text;
using Lucene.Net.Analysis.Bg;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Cz;
using Lucene.Net.Analysis.Da;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.El;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.Fi;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Hu;
using Lucene.Net.Analysis.It;
using Lucene.Net.Analysis.Nl;
using Lucene.Net.Analysis.Pt;
using Lucene.Net.Analysis.Ro;
using Lucene.Net.Analysis.Sv;
using Lucene.Net.Analysis.Util;

namespace AiFactories.Bot.Knowledge.Reading;

/// <summary>
/// Function words of every language the bot reads: the stop words of Lucene's analyzers where it has
/// them, and each language file's own "stop_words" (Polish, Lithuanian and Croatian have no Lucene
/// analyzer). They carry no topic.
/// </summary>
internal sealed class StopWords
{
    private static readonly CharArraySet[] Lucene =
    [
        StopAnalyzer.ENGLISH_STOP_WORDS_SET, FrenchAnalyzer.DefaultStopSet, GermanAnalyzer.DefaultStopSet,
        ItalianAnalyzer.DefaultStopSet, SpanishAnalyzer.DefaultStopSet, DutchAnalyzer.DefaultStopSet,
        PortugueseAnalyzer.DefaultStopSet, SwedishAnalyzer.DefaultStopSet, FinnishAnalyzer.DefaultStopSet,
        GreekAnalyzer.DefaultStopSet, CzechAnalyzer.DefaultStopSet, RomanianAnalyzer.DefaultStopSet,
        DanishAnalyzer.DefaultStopSet, BulgarianAnalyzer.DefaultStopSet, HungarianAnalyzer.DefaultStopSet,
    ];

    private readonly HashSet<string> _words = new(StringComparer.Ordinal);

    public StopWords(LanguageCatalog languages)
    {
        foreach (var set in Lucene)
        {
            foreach (var entry in set)
            {
                if (entry?.ToString() is { Length: > 0 } text)
                {
                    _words.UnionWith(TextFolding.Words(text));
                }
            }
        }

        foreach (var pack in languages.Packs)
        {
            foreach (var text in pack.StopWords)
            {
                _words.UnionWith(TextFolding.Words(text));
            }
        }
    }

    public bool Contains(string foldedWord) => _words.Contains(foldedWord);
}
