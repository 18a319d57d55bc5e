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
using Lucene.Net.Analysis.Ru;
using Lucene.Net.Analysis.Sv;
using Lucene.Net.Analysis.Tr;
using Lucene.Net.Analysis.Util;

namespace AiFactories.Bot.Knowledge.Text;

/// <summary>
/// The stop words Lucene's analyzers ship, by ISO 639-1 code: the function words that tell languages
/// apart (LanguageDetector) and carry no topic (StopWords). Russian and Turkish are here only to be
/// recognised; Polish, Lithuanian and Croatian have no Lucene analyzer (their language files list
/// their own).
/// </summary>
internal static class LuceneStopWords
{
    private static readonly (string Language, CharArraySet Set)[] Sets =
    [
        ("en", StopAnalyzer.ENGLISH_STOP_WORDS_SET), ("fr", FrenchAnalyzer.DefaultStopSet), ("de", GermanAnalyzer.DefaultStopSet),
        ("it", ItalianAnalyzer.DefaultStopSet), ("es", SpanishAnalyzer.DefaultStopSet), ("nl", DutchAnalyzer.DefaultStopSet),
        ("pt", PortugueseAnalyzer.DefaultStopSet), ("sv", SwedishAnalyzer.DefaultStopSet), ("fi", FinnishAnalyzer.DefaultStopSet),
        ("el", GreekAnalyzer.DefaultStopSet), ("cs", CzechAnalyzer.DefaultStopSet), ("ro", RomanianAnalyzer.DefaultStopSet),
        ("da", DanishAnalyzer.DefaultStopSet), ("bg", BulgarianAnalyzer.DefaultStopSet), ("hu", HungarianAnalyzer.DefaultStopSet),
        ("ru", RussianAnalyzer.DefaultStopSet), ("tr", TurkishAnalyzer.DefaultStopSet),
    ];

    /// <summary>Every stop word as Lucene lists it (not folded), with its language.</summary>
    public static IEnumerable<(string Language, string Text)> All()
    {
        foreach (var (language, set) in Sets)
        {
            foreach (var entry in set)
            {
                if (entry?.ToString() is { Length: > 0 } text)
                {
                    yield return (language, text);
                }
            }
        }
    }
}
