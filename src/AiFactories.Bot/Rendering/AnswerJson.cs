using System.Text.Json.Serialization;
using AiFactories.Bot.Knowledge.Answers;
using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Search;

namespace AiFactories.Bot.Rendering;

/// <summary>The `ask --json` contract: one object per question; sites are the corpus records as they are.</summary>
public sealed record AnswerJson(
    string Question,
    bool Answered,
    string? Kind,
    string? Language,
    string? Answer,
    IReadOnlyList<SiteRecord> Sites,
    IReadOnlyList<PassageJson> Passages,
    string? Error)
{
    public static AnswerJson From(Answer answer) => new(
        answer.Question,
        answer.Answered,
        answer.Kind.ToString().ToLowerInvariant(),
        answer.Language,
        answer.Text,
        answer.Sites,
        answer.Passages.Select(PassageJson.From).ToList(),
        null);

    public static AnswerJson Failure(string question, string error) => new(question, false, null, null, null, [], [], error);
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
[JsonSerializable(typeof(Feedback.GapsReport))]
[JsonSerializable(typeof(Feedback.StatsReport))]
[JsonSerializable(typeof(Feedback.FeedbackExport))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>
    /// JSON for people and scripts reading a terminal or a file: accents, quotes and apostrophes as
    /// they are ("gère", "l'usine"), not as \u escapes; still valid JSON, never embedded in HTML.
    /// </summary>
    public static CliJsonContext Readable { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
