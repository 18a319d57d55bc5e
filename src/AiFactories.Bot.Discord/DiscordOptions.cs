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
