using System.Text.Json;

namespace AiFactories.Bot.Discord.Gateway;

/// <summary>A dispatch event (op 0): its name and data, the shard it came on, its sequence number and the bot's own user id.</summary>
public sealed record GatewayDispatch(int ShardId, long? Sequence, string? SelfUserId, string Name, JsonElement Data);

/// <summary>Receives the gateway's dispatch events, in order, for each shard.</summary>
public interface IGatewayEventSink
{
    ValueTask OnDispatchAsync(GatewayDispatch dispatch, CancellationToken cancellationToken);
}

/// <summary>The gateway closed in a way retrying cannot fix; the message names the cause and the fix.</summary>
public sealed class GatewayFatalException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}

/// <summary>What one shard's connection is told: where, as whom, with which intents.</summary>
public sealed record GatewayShardSettings(Uri GatewayUrl, string Token, int Intents, int ShardId, int ShardCount)
{
    /// <summary>The fastest and slowest reconnect delay; each failure doubles it, with jitter.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for Hello after connecting.</summary>
    public TimeSpan HelloTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The random wait before identifying again after op 9 false.</summary>
    public (TimeSpan Min, TimeSpan Max) InvalidSessionWait { get; init; } = (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
}
