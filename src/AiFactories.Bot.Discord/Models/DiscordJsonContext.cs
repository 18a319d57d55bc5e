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
public sealed partial class DiscordJsonContext : JsonSerializerContext;

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
