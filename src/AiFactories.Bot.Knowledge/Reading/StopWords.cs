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
    private static readonly (string Language, CharArraySet Set)[] Lucene =
    [
        ("en", StopAnalyzer.ENGLISH_STOP_WORDS_SET), ("fr", FrenchAnalyzer.DefaultStopSet), ("de", GermanAnalyzer.DefaultStopSet),
        ("it", ItalianAnalyzer.DefaultStopSet), ("es", SpanishAnalyzer.DefaultStopSet), ("nl", DutchAnalyzer.DefaultStopSet),
        ("pt", PortugueseAnalyzer.DefaultStopSet), ("sv", SwedishAnalyzer.DefaultStopSet), ("fi", FinnishAnalyzer.DefaultStopSet),
        ("el", GreekAnalyzer.DefaultStopSet), ("cs", CzechAnalyzer.DefaultStopSet), ("ro", RomanianAnalyzer.DefaultStopSet),
        ("da", DanishAnalyzer.DefaultStopSet), ("bg", BulgarianAnalyzer.DefaultStopSet), ("hu", HungarianAnalyzer.DefaultStopSet),
    ];

    private readonly HashSet<string> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byLanguage = new(StringComparer.Ordinal);

    public StopWords(LanguageCatalog languages)
    {
        void Add(string language, string text)
        {
            if (!_byLanguage.TryGetValue(language, out var set))
            {
                _byLanguage[language] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            foreach (var word in TextFolding.Words(text))
            {
                set.Add(word);
                _words.Add(word);
            }
        }

        foreach (var (language, set) in Lucene)
        {
            foreach (var entry in set)
            {
                if (entry?.ToString() is { Length: > 0 } text)
                {
                    Add(language, text);
                }
            }
        }

        foreach (var pack in languages.Packs)
        {
            foreach (var text in pack.StopWords)
            {
                Add(pack.Code, text);
            }
        }
    }

    public bool Contains(string foldedWord) => _words.Contains(foldedWord);

    /// <summary>Whether a word is a function word of one language in particular.</summary>
    public bool ContainsIn(string foldedWord, string language) => _byLanguage.TryGetValue(language, out var set) && set.Contains(foldedWord);
}
