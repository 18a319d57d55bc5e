using System.Text.Json.Serialization;

namespace AiFactories.Bot.Knowledge.Corpus;

/// <summary>Everything the bot knows, as loaded and validated from the corpus folder.</summary>
public sealed record KnowledgeCorpus(
    string RootPath,
    IReadOnlyList<SourceDocument> Documents,
    IReadOnlyList<SiteRecord> Sites,
    FactSheet FactSheet,
    IReadOnlyList<CountryEntry> Countries,
    LanguageCatalog Languages,
    string SynonymsText,
    int SynonymGroups)
{
    /// <summary>The date the corpus's knowledge runs to (the fact sheet's "as_of").</summary>
    public DateOnly AsOf => FactSheet.AsOf;
}

/// <summary>A source document: its metadata header and its paragraphs, in order.</summary>
public sealed record SourceDocument(
    string Id,
    string Title,
    string Date,
    string Language,
    string Kind,
    string Origin,
    string? Removed,
    string? Edits,
    string File,
    IReadOnlyList<DocumentParagraph> Paragraphs);

public sealed record DocumentParagraph(string? Section, string Text);

/// <summary>The two kinds of site in the network.</summary>
public static class SiteKinds
{
    public const string Factory = "factory";
    public const string Antenna = "antenna";

    public static IReadOnlyList<string> All { get; } = [Factory, Antenna];
}

/// <summary>
/// One site's structured record: an AI Factory or an AI Factory Antenna. A field the sources do not
/// give is null (absent from the file, and from JSON output); an empty list means the sources say
/// there is none.
/// </summary>
public sealed record SiteRecord(
    string Id,
    string Kind,
    string? Name,
    string? City,
    string Country,
    string? Location,
    string? Host,
    IReadOnlyList<string>? Partners,
    string? System,
    string? SystemKind,
    bool? ExperimentalPlatform,
    IReadOnlyList<string>? PartnerCountries,
    IReadOnlyList<string>? Sectors,
    Budget? Budget,
    int? Wave,
    DateOnly Announced,
    IReadOnlyList<string>? LinkedFactories,
    string? Status,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Unconfirmed,
    IReadOnlyList<string> Notes,
    [property: JsonIgnore] string File)
{
    /// <summary>For a factory: the ids of the antennas linked to it (computed at load from the antennas' records).</summary>
    public IReadOnlyList<string>? Antennas { get; init; }

    [JsonIgnore]
    public bool IsFactory => Kind == SiteKinds.Factory;

    [JsonIgnore]
    public bool IsAntenna => Kind == SiteKinds.Antenna;

    /// <summary>Whether a field's value rests on a single source.</summary>
    public bool IsUnconfirmed(string field) => Unconfirmed.Contains(field, StringComparer.Ordinal);
}

/// <summary>A reported budget: the amount as the sources write it, what it covers, and who reports it.</summary>
public sealed record Budget(string Amount, string? Detail, IReadOnlyList<string> Sources);

/// <summary>The dated fact sheet; <see cref="AsOf"/> is the date its latest source runs to.</summary>
public sealed record FactSheet(string Title, string About, DateOnly AsOf, IReadOnlyList<FactEntry> Entries, string File);

/// <summary>A fact sheet entry; <see cref="Date"/> is "yyyy", "yyyy-MM" or "yyyy-MM-dd", or null for undated background.</summary>
public sealed record FactEntry(
    string Id,
    string? Date,
    string Title,
    string Text,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Countries);

/// <summary>A country the bot recognises in questions, by its names in the EU languages and its main cities.</summary>
public sealed record CountryEntry(string Name, IReadOnlyList<string> Aliases, IReadOnlyList<string> Cities)
{
    /// <summary>Every name that leads to this country: its name, aliases and cities.</summary>
    public IEnumerable<string> Names => Aliases.Prepend(Name).Concat(Cities);
}
