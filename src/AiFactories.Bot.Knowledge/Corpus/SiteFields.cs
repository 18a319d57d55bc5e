using System.Globalization;

namespace AiFactories.Bot.Knowledge.Corpus;

/// <summary>
/// The site record's fields by their corpus names, so that questions, filters, templates and
/// cards work over fields generically instead of naming them in code. The names are the JSON keys
/// of <c>sites/*.json</c>, the keys of <c>lexicon.json</c>'s "fields" and the {placeholders} of
/// answer templates.
/// </summary>
public static class SiteFields
{
    public const string Id = "id";
    public const string Factory = "factory";
    public const string City = "city";
    public const string Country = "country";
    public const string Location = "location";
    public const string Host = "host";
    public const string System = "system";
    public const string SystemKind = "system_kind";
    public const string ExperimentalPlatform = "experimental_platform";
    public const string PartnerCountries = "partner_countries";
    public const string Sectors = "sectors";
    public const string Wave = "wave";
    public const string Announced = "announced";
    public const string Aliases = "aliases";
    public const string Sources = "sources";
    public const string Notes = "notes";

    /// <summary>The raw value of a yes/no field that holds.</summary>
    public const string Yes = "yes";

    /// <summary>The raw value of a yes/no field that does not hold.</summary>
    public const string No = "no";

    private static readonly Dictionary<string, Func<SiteRecord, IReadOnlyList<string>>> Accessors = new(StringComparer.Ordinal)
    {
        [Id] = s => [s.Id],
        [Factory] = s => [s.Factory],
        [City] = s => [s.City],
        [Country] = s => [s.Country],
        [Location] = s => s.Location is null ? [] : [s.Location],
        [Host] = s => [s.Host],
        [System] = s => [s.System],
        [SystemKind] = s => [s.SystemKind],
        [ExperimentalPlatform] = s => [s.ExperimentalPlatform ? Yes : No],
        [PartnerCountries] = s => s.PartnerCountries,
        [Sectors] = s => s.Sectors,
        [Wave] = s => [s.Wave.ToString(CultureInfo.InvariantCulture)],
        [Announced] = s => [s.Announced.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
        [Aliases] = s => s.Aliases,
        [Sources] = s => s.Sources,
        [Notes] = s => s.Notes,
    };

    public static IReadOnlyCollection<string> Names => Accessors.Keys;

    public static bool IsKnown(string name) => Accessors.ContainsKey(name);

    /// <summary>The raw values of a field: one for scalar fields, any number for lists.</summary>
    public static IReadOnlyList<string> Values(SiteRecord site, string field) =>
        Accessors.TryGetValue(field, out var accessor)
            ? accessor(site)
            : throw new ArgumentException($"unknown site field '{field}'", nameof(field));
}
