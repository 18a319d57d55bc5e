namespace AiFactories.Bot.Knowledge.Corpus;

/// <summary>Everything the bot knows, as loaded and validated from the corpus folder.</summary>
public sealed record KnowledgeCorpus(
    string RootPath,
    IReadOnlyList<SourceDocument> Documents,
    IReadOnlyList<SiteRecord> Sites,
    FactSheet FactSheet,
    IReadOnlyList<CountryEntry> Countries,
    Lexicon Lexicon,
    string SynonymsText,
    int SynonymGroups);

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

/// <summary>One host site's structured record.</summary>
public sealed record SiteRecord(
    string Id,
    string Factory,
    string City,
    string Country,
    string? Location,
    string Host,
    string System,
    string SystemKind,
    bool ExperimentalPlatform,
    IReadOnlyList<string> PartnerCountries,
    IReadOnlyList<string> Sectors,
    int Wave,
    DateOnly Announced,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Notes,
    [property: System.Text.Json.Serialization.JsonIgnore] string File);

public sealed record FactSheet(string Title, string About, IReadOnlyList<FactEntry> Entries, string File);

/// <summary>A fact sheet entry; <see cref="Date"/> is "yyyy", "yyyy-MM" or "yyyy-MM-dd", or null for undated background.</summary>
public sealed record FactEntry(
    string Id,
    string? Date,
    string Title,
    string Text,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Countries);

/// <summary>A country that hosts no site record, recognised so the bot can say so.</summary>
public sealed record CountryEntry(string Name, IReadOnlyList<string> Aliases, IReadOnlyList<string> Cities)
{
    /// <summary>Every name that leads to this country: its name, aliases and cities.</summary>
    public IEnumerable<string> Names => Aliases.Prepend(Name).Concat(Cities);
}

/// <summary>How questions are read and how answers are phrased; data, not code.</summary>
public sealed record Lexicon(
    IReadOnlyList<string> Fillers,
    IReadOnlyList<string> QuestionWords,
    IReadOnlyList<string> Subject,
    IReadOnlyList<string> SubjectHeads,
    IReadOnlyList<string> CountCues,
    IReadOnlyList<string> ListCues,
    IReadOnlyList<FieldSpec> Fields,
    IReadOnlyDictionary<string, string> Answers,
    IReadOnlyList<string> Suggestions);

public sealed record FieldSpec(
    string Name,
    string Label,
    IReadOnlyList<string> Cues,
    string Answer,
    bool Filter,
    IReadOnlyDictionary<string, string> Values,
    string? Yes,
    string? No,
    string? Empty);
