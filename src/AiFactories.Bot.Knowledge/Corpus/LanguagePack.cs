namespace AiFactories.Bot.Knowledge.Corpus;

/// <summary>How one language asks about a field and how an answer about it reads.</summary>
public sealed record FieldWords(string Label, IReadOnlyList<string> Cues, string Answer);

/// <summary>
/// One language's words and phrasing (<c>languages/&lt;code&gt;.json</c>): the words that say what a
/// question asks, field labels and cues, value names, answer templates and the bot's own messages.
/// Adding a language is adding such a file; English is the reference every other file must match.
/// </summary>
public sealed record LanguagePack(
    string Code,
    string Name,
    string NativeName,
    IReadOnlyList<string> DiscordLocales,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Words,
    IReadOnlyList<string> StopWords,
    IReadOnlyDictionary<string, FieldWords> Fields,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyList<string> Months,
    IReadOnlyDictionary<string, string> Formats,
    IReadOnlyDictionary<string, string> Answers,
    IReadOnlyDictionary<string, string> Ui,
    IReadOnlyDictionary<string, string> Sectors,
    IReadOnlyDictionary<string, string> Countries,
    IReadOnlyList<string> Suggestions,
    string File)
{
    public IReadOnlyList<string> WordList(string key) => Words.TryGetValue(key, out var list) ? list : [];
}

/// <summary>The word lists every language file has (the keys of "words").</summary>
public static class WordLists
{
    public const string Place = "place";
    public const string Organisation = "organisation";
    public const string Date = "date";
    public const string Amount = "amount";
    public const string Count = "count";
    public const string Reason = "reason";
    public const string Definition = "definition";
    public const string Choice = "choice";
    public const string List = "list";
    public const string YesNo = "yesno";
    public const string Negation = "negation";
    public const string Most = "most";
    public const string Least = "least";
    public const string Now = "now";
    public const string FirstWave = "first_wave";
    public const string SecondWave = "second_wave";
    public const string ThirdWave = "third_wave";
    public const string And = "and";
    public const string Subject = "subject";
    public const string Factory = "factory";
    public const string Antenna = "antenna";
    public const string Gigafactory = "gigafactory";
    public const string Fillers = "fillers";

    public static IReadOnlyList<string> All { get; } =
        [Place, Organisation, Date, Amount, Count, Reason, Definition, Choice, List, YesNo, Negation, Most, Least, Now, FirstWave, SecondWave, ThirdWave, And, Subject, Factory, Antenna, Gigafactory, Fillers];
}

/// <summary>All the languages the bot reads and answers in; English first, the reference and the fallback.</summary>
public sealed class LanguageCatalog
{
    public const string English = "en";

    private readonly Dictionary<string, LanguagePack> _byCode;
    private readonly Dictionary<string, LanguagePack> _byLocale;

    public LanguageCatalog(IReadOnlyList<LanguagePack> packs)
    {
        Packs = packs.OrderBy(p => p.Code == English ? 0 : 1).ThenBy(p => p.Code, StringComparer.Ordinal).ToList();
        _byCode = Packs.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);
        _byLocale = new Dictionary<string, LanguagePack>(StringComparer.OrdinalIgnoreCase);
        foreach (var pack in Packs)
        {
            foreach (var locale in pack.DiscordLocales)
            {
                _byLocale.TryAdd(locale, pack);
            }
        }
    }

    public IReadOnlyList<LanguagePack> Packs { get; }

    public LanguagePack Reference => _byCode[English];

    public LanguagePack? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var pack) ? pack : null;

    public LanguagePack Get(string? code) => Find(code) ?? Reference;

    /// <summary>
    /// The names the languages write a country by (its `countries` entry in each file), with the
    /// languages that write each (names equal once case and accents are ignored are one): the names
    /// it is read by besides those of countries.json.
    /// </summary>
    public IEnumerable<(string Name, IReadOnlyList<string> Languages)> WrittenNames(string country) =>
        Packs.Where(p => p.Countries.ContainsKey(country))
            .GroupBy(p => Text.TextFolding.Key(p.Countries[country]), StringComparer.Ordinal)
            .Select(g => (g.First().Countries[country], (IReadOnlyList<string>)g.Select(p => p.Code).ToList()));

    /// <summary>The language of a Discord locale ("fr", "es-ES", "pt-BR") or an ISO code, or null when the bot does not speak it.</summary>
    public LanguagePack? ForLocale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        if (_byLocale.TryGetValue(locale, out var pack) || _byCode.TryGetValue(locale, out pack))
        {
            return pack;
        }

        var dash = locale.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 ? Find(locale[..dash]) : null;
    }
}
