using System.Text.Json.Serialization;
using AiFactories.Bot.Knowledge.Answers;
using AiFactories.Bot.Knowledge.Corpus;

namespace AiFactories.Bot.Rendering;

/// <summary>The `ask --json` contract: one object per question.</summary>
public sealed record AnswerJson(
    string Question,
    bool Answered,
    string? Kind,
    string? Answer,
    IReadOnlyList<SiteJson> Sites,
    IReadOnlyList<PassageJson> Passages,
    string? Error)
{
    public static AnswerJson From(Answer answer) => new(
        answer.Question,
        answer.Answered,
        answer.Kind.ToString().ToLowerInvariant(),
        answer.Text,
        answer.Sites.Select(SiteJson.From).ToList(),
        answer.Passages.Select(PassageJson.From).ToList(),
        null);

    public static AnswerJson Failure(string question, string error) => new(question, false, null, null, [], [], error);
}

public sealed record SiteJson(
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
    string Announced,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Notes)
{
    public static SiteJson From(SiteRecord s) => new(
        s.Id, s.Factory, s.City, s.Country, s.Location, s.Host, s.System, s.SystemKind, s.ExperimentalPlatform,
        s.PartnerCountries, s.Sectors, s.Wave, s.Announced.ToString("yyyy-MM-dd", global::System.Globalization.CultureInfo.InvariantCulture),
        s.Aliases, s.Sources, s.Notes);
}

public sealed record PassageJson(string Source, string SourceId, string? Section, string Text, string Sentence, string Highlighted, double Score)
{
    public static PassageJson From(PassageHit hit) => new(
        hit.Passage.Source.Cite(),
        hit.Passage.Source.Id,
        hit.Passage.Section,
        hit.Passage.Text,
        hit.Sentence,
        hit.HighlightedText,
        Math.Round(hit.Score, 4));
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AnswerJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
