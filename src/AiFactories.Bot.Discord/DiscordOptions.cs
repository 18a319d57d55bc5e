namespace AiFactories.Bot.Discord;

/// <summary>Settings of the Discord layer, bound from the "Discord" section (or Discord__X variables, or user secrets).</summary>
public sealed class DiscordOptions
{
    public const string Section = "Discord";
    public const string DefaultApiBaseUrl = "https://discord.com/api/v10/";

    public string? ApplicationId { get; set; }

    /// <summary>The application's public key (hex), to verify interaction signatures.</summary>
    public string? PublicKey { get; set; }

    /// <summary>The bot token, for REST calls. Never logged.</summary>
    public string? BotToken { get; set; }

    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    public string InteractionsPath { get; set; } = "/interactions";

    /// <summary>How far a signed timestamp may be from now, either way.</summary>
    public int SignatureWindowSeconds { get; set; } = 300;

    /// <summary>The largest interaction body accepted.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>The URL named in the User-Agent header Discord asks bots to send.</summary>
    public string UserAgentUrl { get; set; } = "https://github.com/aifactories-bot/aifactories-bot";

    public int RestMaxRetries { get; set; } = 3;

    /// <summary>
    /// Gateway intents: GUILDS (1) | GUILD_MESSAGES (512) | DIRECT_MESSAGES (4096). Interactions need
    /// none; mentions carry their content without the privileged MESSAGE_CONTENT intent.
    /// </summary>
    public int Intents { get; set; } = 1 | 512 | 4096;

    /// <summary>Total shards; unset means Discord's recommended count.</summary>
    public int? ShardCount { get; set; }

    /// <summary>The shards this process runs, e.g. "0,1"; unset means all of them.</summary>
    public string? ShardIds { get; set; }

    /// <summary>Seconds between two mention answers in one channel, so a busy channel is not flooded.</summary>
    public double MentionCooldownSeconds { get; set; } = 10;

    /// <summary>
    /// Interactions answered at once at most; beyond it a command gets a quick private "busy, try again"
    /// instead of an answer that would come after Discord's 3-second deadline.
    /// </summary>
    public int MaxInFlight { get; set; } = 64;

    /// <summary>
    /// Refuse (401) a signed interaction whose id was already answered: Discord sends each interaction
    /// once, so a repeated id is a replay of a captured request.
    /// </summary>
    public bool RejectReplays { get; set; } = true;

    /// <summary>Channel ids (comma-separated) where mentions of the bot are answered; unset means everywhere.</summary>
    public string? MentionChannels { get; set; }

    /// <summary>The settings among <paramref name="names"/> that are not set, as "Discord:Name".</summary>
    public IReadOnlyList<string> Missing(params string[] names) =>
        names.Where(name => string.IsNullOrWhiteSpace(name switch
        {
            nameof(ApplicationId) => ApplicationId,
            nameof(PublicKey) => PublicKey,
            nameof(BotToken) => BotToken,
            _ => throw new ArgumentException($"not a required Discord setting: {name}", nameof(names)),
        })).Select(name => $"{Section}:{name}").ToList();
}
