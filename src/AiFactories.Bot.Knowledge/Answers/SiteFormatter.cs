using System.Globalization;
using System.Text;
using AiFactories.Bot.Knowledge.Corpus;

namespace AiFactories.Bot.Knowledge.Answers;

/// <summary>Renders site fields and the lexicon's answer templates.</summary>
public sealed class SiteFormatter(Lexicon lexicon)
{
    private readonly Dictionary<string, FieldSpec> _fields = lexicon.Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public IReadOnlyList<FieldSpec> Fields => lexicon.Fields;

    public string Template(string name) => lexicon.Answers[name];

    /// <summary>A field's value as a reader sees it: yes/no words, value names, dates and lists spelt out.</summary>
    public string Value(SiteRecord site, string field)
    {
        var values = SiteFields.Values(site, field);
        _fields.TryGetValue(field, out var spec);
        if (spec?.Yes is not null && values is ["yes"])
        {
            return spec.Yes;
        }

        if (spec?.No is not null && values is ["no"])
        {
            return spec.No;
        }

        if (values.Count == 0)
        {
            return spec?.Empty ?? "none";
        }

        var shown = values.Select(v => spec is not null && spec.Values.TryGetValue(v, out var named) ? named : v).ToList();
        if (field == "announced")
        {
            shown = [FormatDate(values[0])];
        }

        return JoinList(shown);
    }

    /// <summary>Fills a template's {field} placeholders from the site and {name} ones from the extras.</summary>
    public string Render(string template, SiteRecord? site, IReadOnlyDictionary<string, string>? extras = null)
    {
        return Corpus.CorpusLoader.PlaceholderPattern().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            if (extras is not null && extras.TryGetValue(name, out var extra))
            {
                return extra;
            }

            return site is not null && SiteFields.IsKnown(name) ? Value(site, name) : match.Value;
        });
    }

    public string Label(SiteRecord site) => Render(Template("site"), site);

    /// <summary>The card of a site: its label, then "Label: value" for each field the lexicon describes.</summary>
    public IReadOnlyList<(string Label, string Value)> Card(SiteRecord site)
    {
        var lines = new List<(string, string)>();
        foreach (var spec in lexicon.Fields)
        {
            if (spec.Name is "sources" or "notes" || (spec.Name == "location" && site.Location is null))
            {
                continue;
            }

            lines.Add((spec.Label, Value(site, spec.Name)));
        }

        return lines;
    }

    public static string FormatDate(string date)
    {
        var culture = CultureInfo.InvariantCulture;
        if (DateOnly.TryParseExact(date, "yyyy-MM-dd", culture, DateTimeStyles.None, out var day))
        {
            return day.ToString("d MMMM yyyy", culture);
        }

        if (DateOnly.TryParseExact(date, "yyyy-MM", culture, DateTimeStyles.None, out var month))
        {
            return month.ToString("MMMM yyyy", culture);
        }

        return date;
    }

    public static string JoinList(IReadOnlyList<string> items)
    {
        if (items.Count <= 1)
        {
            return items.Count == 0 ? string.Empty : items[0];
        }

        var text = new StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : i == items.Count - 1 ? " and " : ", ").Append(items[i]);
        }

        return text.ToString();
    }
}
