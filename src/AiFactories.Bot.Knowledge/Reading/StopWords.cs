using AiFactories.Bot.Knowledge.Text;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.It;
using Lucene.Net.Analysis.Nl;
using Lucene.Net.Analysis.Pt;
using Lucene.Net.Analysis.Sv;

namespace AiFactories.Bot.Knowledge.Reading;

/// <summary>The stop words of Lucene's analyzers for the main EU languages, folded like questions are.</summary>
internal static class StopWords
{
    private static readonly HashSet<string> Words = Build();

    public static bool Contains(string foldedWord) => Words.Contains(foldedWord);

    private static HashSet<string> Build()
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in new[]
        {
            StopAnalyzer.ENGLISH_STOP_WORDS_SET, FrenchAnalyzer.DefaultStopSet, GermanAnalyzer.DefaultStopSet,
            ItalianAnalyzer.DefaultStopSet, SpanishAnalyzer.DefaultStopSet, DutchAnalyzer.DefaultStopSet,
            PortugueseAnalyzer.DefaultStopSet, SwedishAnalyzer.DefaultStopSet,
        })
        {
            foreach (var entry in set)
            {
                var text = entry?.ToString();
                if (!string.IsNullOrEmpty(text))
                {
                    words.UnionWith(TextFolding.Words(text));
                }
            }
        }

        return words;
    }
}
