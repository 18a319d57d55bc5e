using System.Globalization;
using System.Text.RegularExpressions;
using AiFactories.Bot.Knowledge.Text;

namespace AiFactories.Bot.Knowledge.Corpus;

/// <summary>Reading sites/*.json, and the rule that every name leads to one site or country.</summary>
public static partial class CorpusLoader
{
    private static List<SiteRecord> LoadSites(string root, Lexicon lexicon)
    {
        var folder = Path.Combine(root, SitesFolder);
        if (!Directory.Exists(folder))
        {
            throw new CorpusException(Relative(root, folder), null, null, "required folder is missing");
        }

        var sites = new List<SiteRecord>();
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var file = Relative(root, path);
            using var json = JsonFields.Parse(file, File.ReadAllText(path));
            var reader = new JsonFields(json.RootElement, file, Path.GetFileNameWithoutExtension(path));
            var id = reader.RequiredString("id");
            reader.Record = id;
            if (!IdPattern().IsMatch(id))
            {
                throw reader.Problem("id", "must be lower-case letters, digits and dashes");
            }

            if (ids.TryGetValue(id, out var other))
            {
                throw reader.Problem("id", $"duplicate id: {other} uses it already");
            }

            ids[id] = file;
            var announcedText = reader.RequiredString("announced");
            if (!DateOnly.TryParseExact(announcedText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var announced))
            {
                throw reader.Problem("announced", $"'{announcedText}' is not a date in the form yyyy-MM-dd");
            }

            var site = new SiteRecord(
                id,
                reader.RequiredString("factory"),
                reader.RequiredString("city"),
                reader.RequiredString("country"),
                reader.OptionalString("location"),
                reader.RequiredString("host"),
                reader.RequiredString("system"),
                reader.RequiredString("system_kind"),
                reader.RequiredBool("experimental_platform"),
                reader.RequiredStrings("partner_countries", allowEmpty: true),
                reader.RequiredStrings("sectors", allowEmpty: true),
                reader.RequiredInt("wave", 1, 99),
                announced,
                reader.RequiredStrings("aliases", allowEmpty: true),
                reader.RequiredStrings("sources", allowEmpty: false),
                reader.OptionalStrings("notes", allowEmpty: true) ?? [],
                path);
            reader.RejectUnknownFields();

            foreach (var spec in lexicon.Fields.Where(f => f.Values.Count > 0))
            {
                foreach (var value in SiteFields.Values(site, spec.Name).Where(v => !spec.Values.ContainsKey(v)))
                {
                    throw reader.Problem(spec.Name, $"'{value}' is not one of: {string.Join(", ", spec.Values.Keys)} (see {LexiconFile})");
                }
            }

            sites.Add(site);
        }

        if (sites.Count == 0)
        {
            throw new CorpusException(Relative(root, folder), null, null, "no site records (*.json) found");
        }

        return sites;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    /// <summary>Every name the bot recognises must lead to exactly one site or country.</summary>
    private static void CheckNamesAndAliases(string root, List<SiteRecord> sites, List<CountryEntry> countries)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var site in sites)
        {
            var file = Relative(root, site.File);
            var own = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in new[] { site.City, site.Factory })
            {
                own.Add(TextFolding.Key(name));
            }

            foreach (var alias in site.Aliases)
            {
                var key = TextFolding.Key(alias);
                if (key.Length == 0)
                {
                    throw new CorpusException(file, site.Id, "aliases", $"alias '{alias}' has no letters or digits");
                }

                if (!own.Add(key))
                {
                    throw new CorpusException(file, site.Id, "aliases", $"duplicate alias '{alias}' (the same as another name of this site once case and accents are ignored)");
                }
            }

            foreach (var key in own)
            {
                if (owners.TryGetValue(key, out var owner))
                {
                    throw new CorpusException(file, site.Id, "aliases", $"duplicate alias '{key}': {owner} uses it already");
                }

                owners[key] = $"site '{site.Id}'";
            }
        }

        var countriesFile = Path.Combine(Path.GetFileName(root), CountriesFile);
        foreach (var country in countries)
        {
            if (sites.Any(s => string.Equals(s.Country, country.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new CorpusException(countriesFile, country.Name, "name", "this country hosts a site: name it in the site record's aliases instead");
            }

            var own = new HashSet<string>(StringComparer.Ordinal) { TextFolding.Key(country.Name) };
            foreach (var alias in country.Aliases.Concat(country.Cities))
            {
                if (!own.Add(TextFolding.Key(alias)))
                {
                    throw new CorpusException(countriesFile, country.Name, "aliases", $"duplicate alias '{alias}'");
                }
            }

            foreach (var key in own)
            {
                if (owners.TryGetValue(key, out var owner))
                {
                    throw new CorpusException(countriesFile, country.Name, "aliases", $"duplicate alias '{key}': {owner} uses it already");
                }

                owners[key] = $"country '{country.Name}'";
            }
        }
    }
}
