using System.Globalization;

namespace AiFactories.Bot.Knowledge.Corpus;

/// <summary>How a field's values read and compare.</summary>
public enum FieldType
{
    /// <summary>A name or short value, shown as written (organisations, machines, cities).</summary>
    Text,

    /// <summary>A sentence from the sources, shown in the sources' language.</summary>
    SourceText,

    /// <summary>A list of names, shown as written.</summary>
    List,

    /// <summary>A list of country names, shown in the reader's language.</summary>
    Countries,

    /// <summary>A list of sector phrases, shown in the reader's language.</summary>
    Sectors,

    /// <summary>True or false.</summary>
    YesNo,

    /// <summary>One of a fixed set of values, each phrased in every language.</summary>
    Enum,

    /// <summary>The wave number.</summary>
    Wave,

    /// <summary>A date.</summary>
    Date,

    /// <summary>A list of other sites' ids.</summary>
    Sites,

    /// <summary>An amount with what it covers.</summary>
    Budget,
}

/// <summary>A record field: its corpus name, type, the kinds of site that have it, and whether questions may filter by it.</summary>
public sealed record SiteField(string Name, FieldType Type, bool Filter, IReadOnlyList<string> Kinds, Func<SiteRecord, IReadOnlyList<string>?> Read)
{
    public bool AppliesTo(SiteRecord site) => Kinds.Contains(site.Kind, StringComparer.Ordinal);

    /// <summary>Whether the field is a list whose items can be counted.</summary>
    public bool IsCountable => Type is FieldType.List or FieldType.Countries or FieldType.Sectors or FieldType.Sites;
}

/// <summary>
/// The site record's fields by their corpus names, so that questions, filters, templates and cards
/// work over fields generically instead of naming them in code. The names are the JSON keys of
/// <c>sites/*.json</c>, the keys of each language file's "fields" and the {placeholders} of answer templates.
/// </summary>
public static class SiteFields
{
    public const string Id = "id";
    public const string Kind = "kind";
    public const string Name = "name";
    public const string City = "city";
    public const string Country = "country";
    public const string Location = "location";
    public const string Host = "host";
    public const string Partners = "partners";
    public const string System = "system";
    public const string SystemKind = "system_kind";
    public const string ExperimentalPlatform = "experimental_platform";
    public const string PartnerCountries = "partner_countries";
    public const string Sectors = "sectors";
    public const string Budget = "budget";
    public const string Wave = "wave";
    public const string Announced = "announced";
    public const string LinkedFactories = "linked_factories";
    public const string Antennas = "antennas";
    public const string Status = "status";
    public const string Aliases = "aliases";
    public const string Sources = "sources";
    public const string Unconfirmed = "unconfirmed";
    public const string Notes = "notes";

    /// <summary>The raw value of a yes/no field that holds.</summary>
    public const string Yes = "yes";

    /// <summary>The raw value of a yes/no field that does not hold.</summary>
    public const string No = "no";

    /// <summary>The values a system_kind may take.</summary>
    public static IReadOnlyList<string> SystemKinds { get; } = ["new", "upgrade", "associated", "exascale"];

    private static readonly string[] Both = [SiteKinds.Factory, SiteKinds.Antenna];
    private static readonly string[] Factories = [SiteKinds.Factory];
    private static readonly string[] AntennasOnly = [SiteKinds.Antenna];

    private static IReadOnlyList<string>? One(string? value) => value is null ? null : [value];

    public static IReadOnlyList<SiteField> All { get; } =
    [
        new(Name, FieldType.Text, false, Both, s => One(s.Name)),
        new(City, FieldType.Text, true, Both, s => One(s.City)),
        new(Country, FieldType.Countries, true, Both, s => [s.Country]),
        new(Location, FieldType.SourceText, false, Both, s => One(s.Location)),
        new(Host, FieldType.Text, false, Both, s => One(s.Host)),
        new(Partners, FieldType.List, false, Both, s => s.Partners),
        new(System, FieldType.Text, false, Factories, s => One(s.System)),
        new(SystemKind, FieldType.Enum, true, Factories, s => One(s.SystemKind)),
        new(ExperimentalPlatform, FieldType.YesNo, true, Factories, s => s.ExperimentalPlatform is { } yes ? [yes ? Yes : No] : null),
        new(PartnerCountries, FieldType.Countries, true, Factories, s => s.PartnerCountries),
        new(Sectors, FieldType.Sectors, true, Factories, s => s.Sectors),
        new(Budget, FieldType.Budget, false, Both, s => s.Budget is null ? null : s.Budget.Detail is null ? [s.Budget.Amount] : [s.Budget.Amount, s.Budget.Detail]),
        new(Wave, FieldType.Wave, true, Factories, s => s.Wave is { } wave ? [wave.ToString(CultureInfo.InvariantCulture)] : null),
        new(Announced, FieldType.Date, false, Both, s => [s.Announced.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]),
        new(LinkedFactories, FieldType.Sites, false, AntennasOnly, s => s.LinkedFactories),
        new(Antennas, FieldType.Sites, false, Factories, s => s.Antennas),
        new(Status, FieldType.SourceText, false, Both, s => One(s.Status)),
        new(Aliases, FieldType.List, false, Both, s => s.Aliases),
        new(Notes, FieldType.SourceText, false, Both, s => s.Notes),
        new(Sources, FieldType.List, false, Both, s => s.Sources),
    ];

    private static readonly Dictionary<string, SiteField> ByName = All.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The fields a card shows, in order, for each kind of site.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Card { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [SiteKinds.Factory] = [Name, City, Country, Location, Host, Partners, System, SystemKind, ExperimentalPlatform, PartnerCountries, Sectors, Budget, Wave, Announced, Antennas, Status],
        [SiteKinds.Antenna] = [Name, Country, Host, Partners, LinkedFactories, Budget, Announced, Status],
    };

    /// <summary>The fields a full card adds.</summary>
    public static IReadOnlyList<string> FullCard { get; } = [Aliases, Notes, Sources];

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static bool IsKnown(string name) => ByName.ContainsKey(name);

    public static SiteField Get(string name) =>
        ByName.TryGetValue(name, out var field) ? field : throw new ArgumentException($"unknown site field '{name}'", nameof(name));

    /// <summary>The raw values of a field, or null when the sources do not give it.</summary>
    public static IReadOnlyList<string>? Values(SiteRecord site, string field) => Get(field).Read(site);
}
