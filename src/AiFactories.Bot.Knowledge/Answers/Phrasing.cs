using System.Globalization;
using System.Text;
using AiFactories.Bot.Knowledge.Corpus;

namespace AiFactories.Bot.Knowledge.Answers;

/// <summary>
/// How answers read in one language: its templates filled in, field values, dates, lists, country and
/// sector names in that language. A key the language lacks falls back to English (the loader makes
/// sure the shipped languages lack none).
/// </summary>
internal sealed class Phrasing(LanguagePack pack, LanguagePack english, IReadOnlyDictionary<string, SiteRecord> sitesById)
{
    private IReadOnlyDictionary<string, string>? _uiTexts;

    public string Code => pack.Code;

    /// <summary>The bot's own words in this language, with the name of English for "Source (English)".</summary>
    public IReadOnlyDictionary<string, string> UiTexts => _uiTexts ??= english.Ui
        .Concat(pack.Ui)
        .GroupBy(p => p.Key)
        .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal)
        .Append(new KeyValuePair<string, string>("english", Word("english")))
        .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public LanguagePack Pack => pack;

    public string Template(string key) => pack.Answers.GetValueOrDefault(key) ?? english.Answers.GetValueOrDefault(key) ?? key;

    public string Ui(string key) => pack.Ui.GetValueOrDefault(key) ?? english.Ui.GetValueOrDefault(key) ?? key;

    public string Word(string key) => pack.Values.GetValueOrDefault(key) ?? english.Values.GetValueOrDefault(key) ?? key;

    public string Fill(string templateKey, params (string Key, string Value)[] slots) => Render(Template(templateKey), slots);

    /// <summary>
    /// A list of items in a sentence, cut after <paramref name="max"/> of them with how many more there
    /// are ("17 more", "17 weitere"): a network of hundreds of sites is not one sentence of hundreds of names.
    /// One over the limit is named rather than counted: "1 more" hides a name in the space it would take
    /// (and is not even grammatical in every language, "1 autres").
    /// </summary>
    public string List<T>(IReadOnlyList<T> items, Func<T, string> item, int max)
    {
        if (items.Count - 1 <= max)
        {
            return List(items.Select(item).ToList());
        }

        var shown = items.Take(max).Select(item).ToList();
        shown.Add(Render(Word("more"), ("count", AnswerContext.Number(items.Count - max))));
        return List(shown);
    }

    /// <summary>A template with each "{name}" placeholder replaced by its slot's value; unknown ones stay as they are.</summary>
    public static string Render(string template, params (string Key, string Value)[] slots)
    {
        // Written out rather than a regex replace: every answer renders dozens of these.
        var open = template.IndexOf('{');
        if (open < 0)
        {
            return template;
        }

        var text = new System.Text.StringBuilder(template.Length + 32);
        text.Append(template, 0, open);
        var i = open;
        while (i < template.Length)
        {
            if (template[i] == '{')
            {
                var end = i + 1;
                while (end < template.Length && (template[end] is (>= 'a' and <= 'z') or '_'))
                {
                    end++;
                }

                if (end > i + 1 && end < template.Length && template[end] == '}' && Slot(template.AsSpan(i + 1, end - i - 1), slots) is { } value)
                {
                    text.Append(value);
                    i = end + 1;
                    continue;
                }
            }

            text.Append(template[i]);
            i++;
        }

        return text.ToString();
    }

    private static string? Slot(ReadOnlySpan<char> name, (string Key, string Value)[] slots)
    {
        foreach (var (key, value) in slots)
        {
            if (name.SequenceEqual(key))
            {
                return value;
            }
        }

        return null;
    }

    public string Country(string name) => pack.Countries.GetValueOrDefault(name) ?? name;

    public string Sector(string sector) => pack.Sectors.GetValueOrDefault(sector) ?? sector;

    public string Date(DateOnly date) => Render(pack.Formats["day"],
        ("day", date.Day.ToString(CultureInfo.InvariantCulture)), ("month", pack.Months[date.Month - 1]), ("year", date.Year.ToString(CultureInfo.InvariantCulture)));

    public string Month(DateOnly date) => Render(pack.Formats["month"],
        ("month", pack.Months[date.Month - 1]), ("year", date.Year.ToString(CultureInfo.InvariantCulture)));

    /// <summary>A date as written in the corpus: "2025", "2025-03" or "2025-03-12".</summary>
    public string PartialDate(string date)
    {
        var culture = CultureInfo.InvariantCulture;
        if (DateOnly.TryParseExact(date, "yyyy-MM-dd", culture, DateTimeStyles.None, out var day))
        {
            return Date(day);
        }

        return DateOnly.TryParseExact(date, "yyyy-MM", culture, DateTimeStyles.None, out var month) ? Month(month) : date;
    }

    public string List(IReadOnlyList<string> items)
    {
        if (items.Count <= 1)
        {
            return items.Count == 0 ? Word("none") : items[0];
        }

        var separator = pack.Formats["list_separator"];
        var and = pack.Formats["list_and"];
        var text = new StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : i == items.Count - 1 ? $" {and} " : separator).Append(items[i]);
        }

        return text.ToString();
    }

    /// <summary>A word as a sentence of its own: "yes" becomes "Yes.".</summary>
    public string Sentence(string word) => word.Length == 0 ? word : $"{char.ToUpper(word[0], CultureInfo.InvariantCulture)}{word[1..]}.";

    public string Wave(int wave) => Word($"wave_{wave.ToString(CultureInfo.InvariantCulture)}");

    public string KindName(string kind, bool many) => Word($"kind_{kind}_{(many ? "many" : "one")}");

    public string FieldLabel(string field) => pack.Fields.GetValueOrDefault(field)?.Label ?? english.Fields.GetValueOrDefault(field)?.Label ?? field;

    /// <summary>A site's name: its own, or for an antenna without one, "the AI Factory Antenna of Slovakia".</summary>
    public string Name(SiteRecord site) => site.Name ?? Render(Word("antenna_of"), ("country", Country(site.Country)));

    /// <summary>Where a site is: "Kajaani, Finland", or the country alone.</summary>
    public string Place(SiteRecord site) => site.City is null ? Country(site.Country) : $"{site.City}, {Country(site.Country)}";

    /// <summary>A site as answers name it: "Pharos (Athens, Greece)".</summary>
    public string Label(SiteRecord site) => site.Name is null ? Name(site) : Fill("site", ("name", Name(site)), ("place", Place(site)));

    /// <summary>A field's value as a reader sees it, in this language; "not reported in the sources" when absent.</summary>
    public string Value(SiteRecord site, string field)
    {
        var values = SiteFields.Values(site, field);
        if (values is null)
        {
            return Word("not_reported");
        }

        if (values.Count == 0)
        {
            return Word("none");
        }

        var type = SiteFields.Get(field).Type;
        var shown = type switch
        {
            FieldType.YesNo => Word(values[0] == SiteFields.Yes ? "yes" : "no"),
            FieldType.Enum => Word($"{field}_{values[0]}"),
            FieldType.Wave => Wave(site.Wave ?? 0),
            FieldType.Date => Date(site.Announced),
            FieldType.Countries => List(values.Select(Country).ToList()),
            FieldType.Sectors => List(values.Select(Sector).ToList()),
            FieldType.Sites => List(values.Select(id => sitesById.TryGetValue(id, out var other) ? $"{Name(other)} ({Country(other.Country)})" : id).ToList()),
            FieldType.Budget => values.Count > 1 ? $"{values[0]} ({values[1]})" : values[0],
            _ => List(values),
        };
        return site.IsUnconfirmed(field) ? $"{shown} ({Word("unconfirmed")})" : shown;
    }

    /// <summary>The sentence that answers one field of one site, in this language.</summary>
    public string FieldAnswer(SiteRecord site, string field)
    {
        if (SiteFields.Values(site, field) is null)
        {
            return Fill("field_not_reported", ("site", Label(site)), ("field", FieldLabel(field)));
        }

        var value = Value(site, field);
        if (SiteFields.Get(field).Type == FieldType.YesNo)
        {
            value = Word(SiteFields.Values(site, field) is [SiteFields.Yes] ? $"has_{field}" : $"has_no_{field}");
        }

        var template = pack.Fields.GetValueOrDefault(field)?.Answer ?? english.Fields[field].Answer;
        return Render(template, ("site", Label(site)), ("value", value));
    }

    /// <summary>A site's card: its label, then each field of its kind; the full card adds other names, notes and sources.</summary>
    public SiteCard Card(SiteRecord site, bool full = false) =>
        (full ? _fullCards : _cards).GetOrAdd(site, static (s, state) => state.Phrasing.MakeCard(s, state.Full), (Phrasing: this, Full: full));

    // A card depends on its site and this language only: made once, shared by every answer that shows it.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<SiteRecord, SiteCard> _cards = new(ReferenceEqualityComparer.Instance);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<SiteRecord, SiteCard> _fullCards = new(ReferenceEqualityComparer.Instance);

    private SiteCard MakeCard(SiteRecord site, bool full)
    {
        var fields = new List<CardField>();
        foreach (var name in SiteFields.Card[site.Kind].Concat(full ? SiteFields.FullCard : []))
        {
            var values = SiteFields.Values(site, name);
            if (name == SiteFields.Location && values is null)
            {
                continue;
            }

            if (SiteFields.FullCard.Contains(name) && values is not { Count: > 0 })
            {
                continue;
            }

            fields.Add(new CardField(name, FieldLabel(name), Value(site, name), values ?? []));
        }

        return new SiteCard(site.Id, Label(site), fields);
    }
}
