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

/// <summary>
/// How payloads are written: through the generated serializers, with text written as it is. The
/// default encoder escapes every accented letter and '&lt;', '&amp;', '+' and quotes as \u sequences,
/// which is for JSON put in HTML; Discord reads plain JSON, and a non-English answer written as it is
/// is about a tenth smaller. (The encoder is the writer's, so the generated fast path is kept.)
/// </summary>
public static class DiscordJson
{
    private static readonly System.Text.Json.JsonWriterOptions WriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // A buffer and writer per thread, reused: an answer's JSON is a few kilobytes, and a new buffer
    // grown to that size for each one was a sixth of what an answer allocated.
    [ThreadStatic]
    private static System.Buffers.ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic]
    private static System.Text.Json.Utf8JsonWriter? t_writer;

    private const int KeptBufferBytes = 64 * 1024;

    public static byte[] ToUtf8Bytes<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        var buffer = t_buffer ??= new System.Buffers.ArrayBufferWriter<byte>(8192);
        var writer = t_writer ??= new System.Text.Json.Utf8JsonWriter(buffer, WriterOptions);
        try
        {
            System.Text.Json.JsonSerializer.Serialize(writer, value, type);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);

            // A rare large payload (a long list) does not keep its buffer for the thread's lifetime.
            if (buffer.Capacity > KeptBufferBytes)
            {
                t_buffer = null;
                t_writer = null;
            }
        }
    }
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
