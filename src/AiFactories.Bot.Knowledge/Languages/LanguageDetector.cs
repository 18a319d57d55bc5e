using System.Globalization;
using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Text;

namespace AiFactories.Bot.Knowledge.Languages;

/// <summary>The language a question is written in, and how sure the detector is.</summary>
public sealed record DetectedLanguage(string Code, bool Supported, double Confidence, string Reason)
{
    /// <summary>Whether the words themselves told the language (not the locale or the default).</summary>
    public bool FromText { get; init; } = true;
}

/// <summary>
/// Tells the language of a question from its words and letters: each word known to some languages
/// (their question words, cues and stop words) votes for them, split among all that know it; letters
/// only some languages use (Greek script, ą, ř, ő, ș, ñ...) vote too. The asker's Discord locale
/// decides only when the text is too short or too even to tell. Languages the bot does not answer in
/// (Russian, Turkish, other scripts) are recognised so that the asker can be told which it reads.
/// </summary>
public sealed class LanguageDetector
{
    /// <summary>Code for a question whose script the bot does not read at all (Arabic, Hebrew, Chinese...).</summary>
    public const string OtherScript = "other";

    /// <summary>Letters that only some languages use, and which.</summary>
    private static readonly (string Letters, string[] Languages)[] LetterCues =
    [
        ("ąęłńśźż", ["pl"]),
        ("řůě", ["cs"]),
        ("őű", ["hu"]),
        ("șțş", ["ro"]),
        ("ăâî", ["ro"]),
        ("ãõ", ["pt"]),
        ("ñ¿¡", ["es"]),
        ("ß", ["de"]),
        ("øæ", ["da"]),
        ("å", ["sv", "da"]),
        ("ėįųū", ["lt"]),
        ("đ", ["hr"]),
        ("ćč", ["hr", "cs", "lt", "pl"]),
        ("šž", ["cs", "hr", "lt"]),
        ("ý", ["cs"]),
        ("äö", ["fi", "sv", "de"]),
        ("ü", ["de", "hu"]),
        ("çà", ["fr", "pt"]),
        ("èùûœ", ["fr"]),
        ("êô", ["fr", "pt"]),
        ("ìò", ["it"]),
        ("ğı", ["tr"]),
        ("ыэё", ["ru"]),
        ("ъ", ["bg"]),
    ];

    /// <summary>Word endings Russian has and Bulgarian, which has no cases and no -ся verbs, does not.</summary>
    private static readonly string[] RussianEndings = ["тся", "ться", "ого", "его", "ыми", "ими"];

    // The languages each word belongs to, in the order they were met. The 36,000 words share one
    // array per combination of languages (there are a few hundred) instead of a set each.
    private readonly Dictionary<string, string[]> _languagesOfWord = new(StringComparer.Ordinal);
    private readonly LanguageCatalog _catalog;

    public LanguageDetector(LanguageCatalog catalog, Func<string, List<string>> fold)
    {
        _catalog = catalog;
        // Each word's languages while loading, in the order met (a JoinedList: for most words one code
        // and no allocation; a list per word was most of what this allocated).
        var languagesOfWord = new Dictionary<string, string>(StringComparer.Ordinal);
        void AddWords(List<string> words, string code)
        {
            foreach (var word in words)
            {
                languagesOfWord[word] = JoinedList.With(languagesOfWord.GetValueOrDefault(word), code);
            }
        }

        foreach (var pack in catalog.Packs)
        {
            foreach (var text in pack.Words.Values.SelectMany(w => w).Concat(pack.Fields.Values.SelectMany(f => f.Cues)).Concat(pack.StopWords))
            {
                AddWords(fold(text), pack.Code);
            }
        }

        foreach (var (code, text) in LuceneStopWords.All())
        {
            AddWords(fold(text), code);
        }

        var shared = new Dictionary<string, string[]>(StringComparer.Ordinal);
        _languagesOfWord.EnsureCapacity(languagesOfWord.Count);
        foreach (var (word, codes) in languagesOfWord)
        {
            if (!shared.TryGetValue(codes, out var array))
            {
                shared[codes] = array = codes.Split(',');
            }

            _languagesOfWord[word] = array;
        }
    }

    /// <param name="text">The question, normalised.</param>
    /// <param name="locale">The asker's Discord locale (or an ISO code), if known.</param>
    /// <param name="ignore">Words that say nothing about the language (names of places and sites).</param>
    public DetectedLanguage Detect(string text, string? locale, Func<string, bool>? ignore = null) =>
        Detect(text, TextFolding.Words(text), locale, ignore);

    /// <param name="text">The question, normalised.</param>
    /// <param name="words">Its folded words (<see cref="TextFolding.Words"/>), when the caller has them already.</param>
    /// <param name="locale">The asker's Discord locale (or an ISO code), if known.</param>
    /// <param name="ignore">Words that say nothing about the language (names of places and sites).</param>
    public DetectedLanguage Detect(string text, IReadOnlyList<string> words, string? locale, Func<string, bool>? ignore = null)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        void Vote(IReadOnlyCollection<string> codes, double weight)
        {
            foreach (var code in codes)
            {
                scores[code] = scores.GetValueOrDefault(code) + (weight / codes.Count);
            }
        }

        foreach (var word in words)
        {
            if (ignore?.Invoke(word) == true)
            {
                continue;
            }

            if (_languagesOfWord.TryGetValue(word, out var codes))
            {
                Vote(codes, 1);
            }
            else if (word.Length > 5 && EndsRussian(word))
            {
                Vote(["ru"], 0.8);
            }
        }

        var otherScript = 0;
        var greek = 0;
        var cyrillic = 0;

        // Plain ASCII has none of the letters below: most questions skip their passes.
        if (!System.Text.Ascii.IsValid(text))
        {
            var lower = text.ToLowerInvariant();
            foreach (var c in lower)
            {
                if (!char.IsLetter(c) || c < '\u0250' || c is >= '\u1E00' and < '\u1F00')
                {
                    continue;
                }

                if (c is >= '\u0370' and < '\u0400' or >= '\u1F00' and < '\u2000')
                {
                    greek++;
                }
                else if (c is >= '\u0400' and < '\u0530')
                {
                    cyrillic++;
                }
                else if (c >= '\u0530')
                {
                    otherScript++;
                }
            }

            foreach (var (letters, codes) in LetterCues)
            {
                var count = 0;
                foreach (var c in lower)
                {
                    if (letters.Contains(c))
                    {
                        count++;
                    }
                }

                if (count > 0)
                {
                    Vote(codes, Math.Min(3, count) * 0.6);
                }
            }

            if (otherScript > 0 && otherScript > lower.Count(char.IsLetter) / 2)
            {
                return new DetectedLanguage(OtherScript, false, 1, "written in a script the bot does not read");
            }
        }

        if (greek > 0)
        {
            Vote(["el"], greek * 0.5);
        }

        if (cyrillic > 0)
        {
            // Bulgarian is read, Russian is not: their stop words decide; otherwise the script leans Bulgarian.
            Vote(["bg"], 0.6);
        }

        var fromLocale = _catalog.ForLocale(locale)?.Code;
        var ranked = scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key == fromLocale ? 0 : 1).ToList();
        if (ranked.Count == 0 || ranked[0].Value < 0.75)
        {
            return Result(fromLocale ?? LanguageCatalog.English, 0, fromLocale is null ? "too little text; English by default" : "too little text; the asker's locale") with { FromText = false };
        }

        var (best, top) = ranked[0];
        var second = ranked.Count > 1 ? ranked[1].Value : 0;
        if (fromLocale is not null && best != fromLocale && scores.GetValueOrDefault(fromLocale) >= top * 0.75)
        {
            return Result(fromLocale, scores[fromLocale] / (top + second), "close; the asker's locale decides");
        }

        return Result(best, top / (top + second), $"words and letters ({top.ToString("0.0", CultureInfo.InvariantCulture)} against {second.ToString("0.0", CultureInfo.InvariantCulture)})");
    }

    private static bool EndsRussian(string word)
    {
        foreach (var ending in RussianEndings)
        {
            if (word.EndsWith(ending, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private DetectedLanguage Result(string code, double confidence, string reason) =>
        new(code, _catalog.Find(code) is not null, Math.Round(confidence, 2), reason);
}
