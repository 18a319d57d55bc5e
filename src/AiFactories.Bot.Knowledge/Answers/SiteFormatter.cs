using System.Globalization;
using System.Text;
using AiFactories.Bot.Knowledge.Corpus;

namespace AiFactories.Bot.Knowledge.Answers;

/// <summary>Renders site fields and the lexicon's answer templates.</summary>
internal sealed class SiteFormatter(Lexicon lexicon)
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
        if (field == SiteFields.Announced)
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

    public string Label(SiteRecord site) => Render(Template(Templates.Site), site);

    /// <summary>
    /// The card of a site: its label, then each field the lexicon describes with its value; the full
    /// card adds the record's other names, its notes and its sources.
    /// </summary>
    public SiteCard Card(SiteRecord site, bool full = false)
    {
        var fields = new List<CardField>();
        foreach (var spec in lexicon.Fields)
        {
            if (spec.Name is SiteFields.Sources or SiteFields.Notes or SiteFields.Aliases || (spec.Name == SiteFields.Location && site.Location is null))
            {
                continue;
            }

            fields.Add(Field(site, spec));
        }

        if (full)
        {
            foreach (var name in new[] { SiteFields.Aliases, SiteFields.Notes, SiteFields.Sources })
            {
                if (_fields.TryGetValue(name, out var spec) && SiteFields.Values(site, name).Count > 0)
                {
                    fields.Add(Field(site, spec));
                }
            }
        }

        return new SiteCard(site.Id, Label(site), fields);
    }

    private CardField Field(SiteRecord site, FieldSpec spec) =>
        new(spec.Name, spec.Label, Value(site, spec.Name), SiteFields.Values(site, spec.Name));

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
