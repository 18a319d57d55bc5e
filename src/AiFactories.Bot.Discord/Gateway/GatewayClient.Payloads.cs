using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace AiFactories.Bot.Discord.Gateway;

/// <summary>The gateway payloads a shard sends, and its log messages.</summary>
public sealed partial class GatewayClient
{
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}: reconnecting to {Mode} in {Milliseconds} ms")]
    private static partial void LogReconnecting(ILogger logger, int shardId, string mode, double milliseconds);
}
