namespace AiFactories.Bot.Discord.Models;

/// <summary>GET /gateway/bot: where to connect, how many shards Discord recommends, how fast to identify.</summary>
public sealed record GatewayBot
{
    public required string Url { get; init; }

    public int Shards { get; init; } = 1;

    public SessionStartLimit? SessionStartLimit { get; init; }
}

public sealed record SessionStartLimit
{
    public int Total { get; init; }

    public int Remaining { get; init; }

    public long ResetAfter { get; init; }

    public int MaxConcurrency { get; init; } = 1;
}

/// <summary>A message the gateway delivers in MESSAGE_CREATE (the fields the bot uses).</summary>
public sealed record GatewayMessage
{
    public required string Id { get; init; }

    public required string ChannelId { get; init; }

    public string? GuildId { get; init; }

    public string? Content { get; init; }

    public User? Author { get; init; }

    public IReadOnlyList<User>? Mentions { get; init; }

    public string? WebhookId { get; init; }
}

/// <summary>POST /channels/{id}/messages.</summary>
public sealed record CreateMessage
{
    public string? Content { get; init; }

    public IReadOnlyList<Embed>? Embeds { get; init; }

    public AllowedMentions? AllowedMentions { get; init; }

    public IReadOnlyList<Component>? Components { get; init; }

    public MessageReference? MessageReference { get; init; }

    /// <summary>With <see cref="EnforceNonce"/>, Discord creates one message per nonce, however often it is sent.</summary>
    public string? Nonce { get; init; }

    public bool? EnforceNonce { get; init; }
}

public sealed record MessageReference
{
    public required string MessageId { get; init; }

    public string? ChannelId { get; init; }

    public string? GuildId { get; init; }

    public bool? FailIfNotExists { get; init; }
}
