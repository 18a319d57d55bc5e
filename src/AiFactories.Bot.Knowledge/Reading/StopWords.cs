using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Text;

namespace AiFactories.Bot.Knowledge.Reading;

/// <summary>
/// Function words of every language the bot reads: the stop words of Lucene's analyzers where it has
/// them, and each language file's own "stop_words" (Polish, Lithuanian and Croatian have no Lucene
/// analyzer). They carry no topic.
/// </summary>
internal sealed class StopWords
{
    private readonly HashSet<string> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byLanguage = new(StringComparer.Ordinal);

    public StopWords(LanguageCatalog languages, Func<string, List<string>> fold)
    {
        void Add(string language, string text)
        {
            if (!_byLanguage.TryGetValue(language, out var set))
            {
                _byLanguage[language] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            foreach (var word in fold(text))
            {
                set.Add(word);
                _words.Add(word);
            }
        }

        // Only the languages the bot reads: a Russian or Turkish word is not a function word here.
        foreach (var (language, text) in LuceneStopWords.All())
        {
            if (languages.Find(language) is not null)
            {
                Add(language, text);
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
