using AiFactories.Bot.Discord.Models;

namespace AiFactories.Bot.Discord.Rest;

/// <summary>The REST calls the bot makes; <see cref="DiscordRestClient"/> makes them over HTTP.</summary>
public interface IDiscordRest
{
    /// <summary>Replaces the application's whole command set, globally or in one guild; returns how many Discord now holds.</summary>
    Task<int> BulkOverwriteCommandsAsync(string applicationId, string? guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken);

    /// <summary>GET /gateway/bot: the gateway address, the recommended shard count, the identify concurrency.</summary>
    Task<GatewayBot> GetGatewayBotAsync(CancellationToken cancellationToken);

    /// <summary>Posts a message in a channel (a reply, when it carries a message reference).</summary>
    Task CreateMessageAsync(string channelId, CreateMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Edits the original response to an interaction, within the 15 minutes its token lives: how a
    /// deferred answer ("thinking…") is completed. Needs no bot token. A message with
    /// <see cref="EditMessage.Attachments"/> goes as multipart/form-data with its files; one without
    /// goes as JSON and keeps the files the message has.
    /// </summary>
    Task EditOriginalResponseAsync(string applicationId, string token, EditMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Edits the original response and uploads <paramref name="files"/> with it (such as a chart that
    /// an embed shows as <c>attachment://stats.png</c>); they replace any files the message had.
    /// </summary>
    Task EditOriginalResponseAsync(string applicationId, string token, EditMessage message, IReadOnlyList<FileAttachment> files, CancellationToken cancellationToken) =>
        EditOriginalResponseAsync(applicationId, token, message with { Attachments = files }, cancellationToken);

    /// <summary>Answers an interaction received over the gateway.</summary>
    Task CreateInteractionResponseAsync(string interactionId, string token, InteractionResponse response, CancellationToken cancellationToken);
}
