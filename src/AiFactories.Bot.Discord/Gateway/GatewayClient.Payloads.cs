using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiFactories.Bot.Discord.Messages;
using Microsoft.Extensions.Logging;

namespace AiFactories.Bot.Discord.Gateway;

/// <summary>The gateway payloads a shard sends and reads, and its log messages.</summary>
public sealed partial class GatewayClient
{
    // Discord's interval is about 41 seconds; a Hello asking for hours (or for nothing) is not one.
    private static readonly TimeSpan LongestHeartbeatInterval = TimeSpan.FromHours(1);

    private const int ExcerptLength = 48;

    private string HeartbeatPayload() => Write(w =>
    {
        w.WriteNumber("op", 1);
        if (Sequence is { } sequence)
        {
            w.WriteNumber("d", sequence);
        }
        else
        {
            w.WriteNull("d");
        }
    });

    private string IdentifyPayload() => Write(w =>
    {
        w.WriteNumber("op", 2);
        w.WriteStartObject("d");
        w.WriteString("token", settings.Token);
        w.WriteNumber("intents", settings.Intents);
        w.WriteStartObject("properties");
        w.WriteString("os", Environment.OSVersion.Platform.ToString().ToLowerInvariant());
        w.WriteString("browser", "aifactories-bot");
        w.WriteString("device", "aifactories-bot");
        w.WriteEndObject();
        w.WriteStartArray("shard");
        w.WriteNumberValue(settings.ShardId);
        w.WriteNumberValue(settings.ShardCount);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private string ResumePayload() => Write(w =>
    {
        w.WriteNumber("op", 6);
        w.WriteStartObject("d");
        w.WriteString("token", settings.Token);
        w.WriteString("session_id", _sessionId);
        w.WriteNumber("seq", Sequence ?? 0);
        w.WriteEndObject();
    });

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Parses a frame; one that is not JSON (or not text at all) is logged and skipped.</summary>
    private bool TryParse(string text, [NotNullWhen(true)] out JsonDocument? payload)
    {
        try
        {
            payload = JsonDocument.Parse(text);
            return true;
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // ArgumentException: text that is not valid UTF-16 (a lone surrogate) cannot be transcoded.
            payload = null;
            LogUnreadable(logger, settings.ShardId, "not JSON", Excerpt(text));
            return false;
        }
    }

    /// <summary>Reads op and s; returns what is wrong when either cannot be read, else null.</summary>
    private static string? ReadHeader(JsonElement root, out int op, out long? sequence)
    {
        op = -1;
        sequence = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return "not a JSON object";
        }

        if (!root.TryGetProperty("op", out var opcode) || opcode.ValueKind != JsonValueKind.Number || !opcode.TryGetInt32(out op))
        {
            return "no numeric op";
        }

        if (root.TryGetProperty("s", out var s) && s.ValueKind != JsonValueKind.Null)
        {
            // A sequence number beyond 64 bits (or negative, or a string) cannot be sent back in a
            // heartbeat or a resume; the payload is skipped and the last good number kept.
            if (s.ValueKind != JsonValueKind.Number || !s.TryGetInt64(out var value) || value < 0)
            {
                return "a sequence number that is not a whole number from 0 to 2^63-1";
            }

            sequence = value;
        }

        return null;
    }

    /// <summary>The heartbeat interval of a Hello (op 10), or null when the frame is not a readable Hello.</summary>
    private static TimeSpan? ReadHelloInterval(string text)
    {
        try
        {
            using var hello = JsonDocument.Parse(text);
            var root = hello.RootElement;
            return ReadHeader(root, out var op, out _) is null && op == 10
                && root.TryGetProperty("d", out var d) && d.ValueKind == JsonValueKind.Object
                && d.TryGetProperty("heartbeat_interval", out var ms) && ms.ValueKind == JsonValueKind.Number
                && ms.TryGetDouble(out var milliseconds) && milliseconds >= 1 && milliseconds <= LongestHeartbeatInterval.TotalMilliseconds
                ? TimeSpan.FromMilliseconds(milliseconds)
                : null;
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Takes the session id, the resume address and the bot's user id from Ready, each only when readable.</summary>
    private void ReadReady(JsonElement data)
    {
        _sessionId = StringProperty(data, "session_id");
        _resumeUrl = StringProperty(data, "resume_gateway_url") is { } text
            && Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "wss" or "ws"
            ? url
            : null;
        UserId = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("user", out var user) ? StringProperty(user, "id") : null;
        if (_sessionId is null)
        {
            LogProtocol(logger, settings.ShardId, "Ready without a readable session id: the next connection identifies again");
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>The start of a frame for the log: short, on one line, any interaction token masked.</summary>
    internal static string Excerpt(string text)
    {
        var start = DiscordLimits.Prefix(text, ExcerptLength);
        var masked = TokenValue().Replace(start, "$1***");
        var line = string.Concat(masked.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? '?' : c));
        return start.Length < text.Length ? line + DiscordLimits.Ellipsis : line;
    }

    [GeneratedRegex("(\"token\"\\s*:\\s*\")[^\"]*")]
    private static partial Regex TokenValue();

    private static Uri WithQuery(Uri url)
    {
        var builder = new UriBuilder(url);
        var query = System.Web.HttpUtility.ParseQueryString(builder.Query);
        query["v"] = "10";
        query["encoding"] = "json";
        builder.Query = query.ToString();
        return builder.Uri;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}/{ShardCount} ready")]
    private static partial void LogReady(ILogger logger, int shardId, int shardCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId} resumed")]
    private static partial void LogResumed(ILogger logger, int shardId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: no heartbeat ACK; closing the zombie connection to resume")]
    private static partial void LogZombie(ILogger logger, int shardId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}: {What}")]
    private static partial void LogProtocol(ILogger logger, int shardId, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}: connection closed ({Code} {Reason})")]
    private static partial void LogClosed(ILogger logger, int shardId, int? code, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: connection failed: {Reason}")]
    private static partial void LogConnectionFailed(ILogger logger, int shardId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: skipped a payload that cannot be read ({Problem}): {Excerpt}")]
    private static partial void LogUnreadable(ILogger logger, int shardId, string problem, string excerpt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: dropped {EventName} (sequence {Sequence}): {ErrorType}: {Error}")]
    private static partial void LogDispatchDropped(ILogger logger, int shardId, string eventName, long? sequence, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}: reconnecting to {Mode} in {Milliseconds} ms")]
    private static partial void LogReconnecting(ILogger logger, int shardId, string mode, double milliseconds);
}
