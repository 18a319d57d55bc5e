using System.Globalization;
using System.Text.RegularExpressions;
using AiFactories.Bot.Knowledge.Text;

namespace AiFactories.Bot.Knowledge.Corpus;

/// <summary>Reading sites/*.json, and the rule that every name leads to one site or country.</summary>
public static partial class CorpusLoader
{
    private static List<SiteRecord> LoadSites(string root, HashSet<string> knownCountries)
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
            using var json = JsonFields.ParseFile(file, path);
            var site = ReadSite(new JsonFields(json.RootElement, file, Path.GetFileNameWithoutExtension(path)), path, knownCountries);
            if (ids.TryGetValue(site.Id, out var other))
            {
                throw new CorpusException(file, site.Id, SiteFields.Id, $"duplicate id: {other} uses it already");
            }

            ids[site.Id] = file;
            sites.Add(site);
        }

        if (sites.Count == 0)
        {
            throw new CorpusException(Relative(root, folder), null, null, "no site records (*.json) found");
        }

        // An antenna names the factories it is linked to; each factory lists its antennas.
        var factories = sites.Where(s => s.IsFactory).ToDictionary(s => s.Id, StringComparer.Ordinal);
        foreach (var antenna in sites.Where(s => s.IsAntenna))
        {
            foreach (var linked in (antenna.LinkedFactories ?? []).Where(id => !factories.ContainsKey(id)))
            {
                throw new CorpusException(Relative(root, antenna.File), antenna.Id, SiteFields.LinkedFactories, $"'{linked}' is not the id of an AI Factory record");
            }
        }

        // Each factory's antennas (the records linked to it) in the records' order, gathered in one pass (a scan
        // of every record per factory was quadratic, minutes on a thousandfold network).
        var antennas = sites
            .SelectMany(a => (a.LinkedFactories ?? []).Distinct(StringComparer.Ordinal).Select(id => (Factory: id, Antenna: a.Id)))
            .ToLookup(p => p.Factory, p => p.Antenna, StringComparer.Ordinal);
        return sites.Select(site => site.IsFactory ? site with { Antennas = [.. antennas[site.Id]] } : site).ToList();
    }

    private static SiteRecord ReadSite(JsonFields reader, string path, HashSet<string> knownCountries)
    {
        var id = reader.RequiredString(SiteFields.Id);
        reader.Record = id;
        if (!IdPattern().IsMatch(id))
        {
            throw reader.Problem(SiteFields.Id, "must be lower-case letters, digits and dashes");
        }

        var kind = reader.RequiredString(SiteFields.Kind);
        if (!SiteKinds.All.Contains(kind))
        {
            throw reader.Problem(SiteFields.Kind, $"'{kind}' is not one of: {string.Join(", ", SiteKinds.All)}");
        }

        var announcedText = reader.RequiredString(SiteFields.Announced);
        if (!DateOnly.TryParseExact(announcedText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var announced))
        {
            throw reader.Problem(SiteFields.Announced, $"'{announcedText}' is not a date in the form yyyy-MM-dd");
        }

        var budget = reader.OptionalObject(SiteFields.Budget) is { } budgetElement ? ReadBudget(new JsonFields(budgetElement, reader.File, id)) : null;
        var site = new SiteRecord(
            id,
            kind,
            kind == SiteKinds.Factory ? reader.RequiredString(SiteFields.Name) : reader.OptionalString(SiteFields.Name),
            reader.OptionalString(SiteFields.City),
            reader.RequiredString(SiteFields.Country),
            reader.OptionalString(SiteFields.Location),
            reader.OptionalString(SiteFields.Host),
            reader.OptionalStrings(SiteFields.Partners, allowEmpty: true),
            reader.OptionalString(SiteFields.System),
            reader.OptionalString(SiteFields.SystemKind),
            reader.NullableBool(SiteFields.ExperimentalPlatform),
            reader.OptionalStrings(SiteFields.PartnerCountries, allowEmpty: true),
            reader.OptionalStrings(SiteFields.Sectors, allowEmpty: true),
            budget,
            reader.OptionalInt(SiteFields.Wave, 1, 99),
            announced,
            reader.OptionalStrings(SiteFields.LinkedFactories, allowEmpty: true),
            reader.OptionalString(SiteFields.Status),
            reader.RequiredStrings(SiteFields.Aliases, allowEmpty: true),
            reader.RequiredStrings(SiteFields.Sources, allowEmpty: false),
            reader.OptionalStrings(SiteFields.Unconfirmed, allowEmpty: true) ?? [],
            reader.OptionalStrings(SiteFields.Notes, allowEmpty: true) ?? [],
            path);
        reader.RejectUnknownFields();

        if (site.IsFactory && site.Wave is null)
        {
            throw reader.Problem(SiteFields.Wave, "required field is missing (every AI Factory was selected in a wave)");
        }

        foreach (var field in SiteFields.All.Where(f => !f.AppliesTo(site) && f.Read(site) is not null))
        {
            throw reader.Problem(field.Name, $"an {(site.IsFactory ? "AI Factory" : "AI Factory Antenna")} record has no such field");
        }

        if (site.SystemKind is { } systemKind && !SiteFields.SystemKinds.Contains(systemKind))
        {
            throw reader.Problem(SiteFields.SystemKind, $"'{systemKind}' is not one of: {string.Join(", ", SiteFields.SystemKinds)}");
        }

        foreach (var country in (site.PartnerCountries ?? []).Prepend(site.Country).Where(c => !knownCountries.Contains(c)))
        {
            throw reader.Problem(country == site.Country ? SiteFields.Country : SiteFields.PartnerCountries, $"'{country}' is not listed in {CountriesFile}");
        }

        foreach (var field in site.Unconfirmed.Where(f => !SiteFields.IsKnown(f) || SiteFields.Values(site, f) is null))
        {
            throw reader.Problem(SiteFields.Unconfirmed, $"'{field}' is not a field this record gives");
        }

        return site;
    }

    private static Budget ReadBudget(JsonFields reader)
    {
        var budget = new Budget(reader.RequiredString("amount"), reader.OptionalString("detail"), reader.RequiredStrings("sources", allowEmpty: false));
        reader.RejectUnknownFields();
        return budget;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    /// <summary>Every name the bot recognises must lead to exactly one site or country.</summary>
    private static void CheckNamesAndAliases(string root, List<SiteRecord> sites, List<CountryEntry> countries, LanguageCatalog languages)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var countriesFile = Path.Combine(Path.GetFileName(root), CountriesFile);
        foreach (var country in countries)
        {
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

        // The name each language writes a country by is read as that country too (see EntityMatcher).
        foreach (var country in countries)
        {
            var self = $"country '{country.Name}'";
            foreach (var (written, codes) in languages.WrittenNames(country.Name))
            {
                var key = TextFolding.Key(written);
                if (owners.TryGetValue(key, out var owner) && owner != self)
                {
                    throw new CorpusException(Path.Combine(Path.GetFileName(root), LanguagesFolder, codes[0] + ".json"), country.Name, "countries",
                        $"'{written}' is a name of {owner} already");
                }

                owners[key] = self;
            }
        }

        foreach (var site in sites)
        {
            var file = Relative(root, site.File);
            var own = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in new[] { site.City, site.Name }.OfType<string>())
            {
                own.Add(TextFolding.Key(name));
            }

            foreach (var alias in site.Aliases)
            {
                var key = TextFolding.Key(alias);
                if (key.Length == 0)
                {
                    throw new CorpusException(file, site.Id, SiteFields.Aliases, $"alias '{alias}' has no letters or digits");
                }

                if (!own.Add(key))
                {
                    throw new CorpusException(file, site.Id, SiteFields.Aliases, $"duplicate alias '{alias}' (the same as another name of this site once case and accents are ignored)");
                }
            }

            foreach (var key in own)
            {
                if (owners.TryGetValue(key, out var owner))
                {
                    throw new CorpusException(file, site.Id, SiteFields.Aliases, $"duplicate alias '{key}': {owner} uses it already");
                }

                owners[key] = $"site '{site.Id}'";
            }
        }
    }
}
