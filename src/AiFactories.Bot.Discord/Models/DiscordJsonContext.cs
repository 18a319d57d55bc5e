using System.Text.Json.Serialization;

namespace AiFactories.Bot.Discord.Models;

/// <summary>Source-generated System.Text.Json metadata for every payload, in Discord's snake_case.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = false,
    AllowTrailingCommas = false,
    MaxDepth = 32)]
[JsonSerializable(typeof(Interaction))]
[JsonSerializable(typeof(InteractionResponse))]
[JsonSerializable(typeof(IReadOnlyList<ApplicationCommand>))]
[JsonSerializable(typeof(DiscordError))]
[JsonSerializable(typeof(GatewayBot))]
[JsonSerializable(typeof(GatewayMessage))]
[JsonSerializable(typeof(CreateMessage))]
[JsonSerializable(typeof(EditMessage))]
[JsonSerializable(typeof(RateLimitBody))]
public sealed partial class DiscordJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context every payload is read and written with: <see cref="JsonSerializerContext"/>'s default
    /// escapes every accented letter and '&lt;', '&amp;', '+' and quotes as \u sequences, which is for JSON
    /// put in HTML. Discord reads plain JSON: text written as it is makes a non-English answer about a
    /// tenth smaller, and is the same JSON to any reader.
    /// </summary>
    public static DiscordJsonContext Wire { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        // The same settings as the attribute above, which a context made with its own options does not read.
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowTrailingCommas = false,
        MaxDepth = 32,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

/// <summary>Discord's error body: a message, a numeric code and per-field errors.</summary>
public sealed record DiscordError
{
    public string? Message { get; init; }

    public int? Code { get; init; }

    public System.Text.Json.JsonElement? Errors { get; init; }
}

/// <summary>The body of a 429.</summary>
public sealed record RateLimitBody
{
    public string? Message { get; init; }

    public double? RetryAfter { get; init; }

    public bool? Global { get; init; }
}
