using System.Globalization;

namespace AiFactories.Bot.Knowledge.Corpus;

/// <summary>
/// The site record's fields by their corpus names, so that questions, filters, templates and
/// cards can work over fields generically instead of naming them in code.
/// </summary>
public static class SiteFields
{
    private static readonly Dictionary<string, Func<SiteRecord, IReadOnlyList<string>>> Accessors = new(StringComparer.Ordinal)
    {
        ["id"] = s => [s.Id],
        ["factory"] = s => [s.Factory],
        ["city"] = s => [s.City],
        ["country"] = s => [s.Country],
        ["location"] = s => s.Location is null ? [] : [s.Location],
        ["host"] = s => [s.Host],
        ["system"] = s => [s.System],
        ["system_kind"] = s => [s.SystemKind],
        ["experimental_platform"] = s => [s.ExperimentalPlatform ? "yes" : "no"],
        ["partner_countries"] = s => s.PartnerCountries,
        ["sectors"] = s => s.Sectors,
        ["wave"] = s => [s.Wave.ToString(CultureInfo.InvariantCulture)],
        ["announced"] = s => [s.Announced.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
        ["aliases"] = s => s.Aliases,
        ["sources"] = s => s.Sources,
        ["notes"] = s => s.Notes,
    };

    public static IReadOnlyCollection<string> Names => Accessors.Keys;

    public static bool IsKnown(string name) => Accessors.ContainsKey(name);

    /// <summary>The raw values of a field: one for scalar fields, any number for lists.</summary>
    public static IReadOnlyList<string> Values(SiteRecord site, string field) =>
        Accessors.TryGetValue(field, out var accessor)
            ? accessor(site)
            : throw new ArgumentException($"unknown site field '{field}'", nameof(field));
}
