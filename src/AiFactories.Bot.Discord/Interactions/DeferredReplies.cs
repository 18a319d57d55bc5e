using System.Net;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace AiFactories.Bot.Discord.Interactions;

/// <summary>
/// Private replies that take longer than Discord's 3-second deadline (a reload, a store query, a
/// chart): answered at once with a private "thinking…", then completed off the request by editing
/// that reply through the interaction's webhook. The edit is retried while Discord may not yet know
/// the deferred reply (the work can finish before Discord has read the response that deferred it).
/// </summary>
public sealed partial class DeferredReplies(IServiceProvider services, ILogger<DeferredReplies> logger)
{
    private static readonly TimeSpan[] EditRetries = [TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    /// <summary>The last reply started, for tests and for a graceful stop.</summary>
    public Task Running { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Defers a private reply and completes it with what <paramref name="build"/> makes, or with
    /// <paramref name="failed"/> when that throws. An interaction without a token to edit later
    /// (which Discord always sends) is answered directly, without files.
    /// </summary>
    /// <param name="context">The interaction.</param>
    /// <param name="what">What the reply is, for the log ("/stats").</param>
    /// <param name="build">Makes the reply.</param>
    /// <param name="failed">The reply when <paramref name="build"/> throws.</param>
    public async ValueTask<InteractionResponse> DeferAsync(InteractionContext context, string what, Func<CancellationToken, Task<EditMessage>> build, Func<Exception, EditMessage> failed)
    {
        var interaction = context.Interaction;
        if (interaction.ApplicationId is not { Length: > 0 } applicationId || interaction.Token is not { Length: > 0 } token)
        {
            var message = await BuildAsync(what, build, failed, CancellationToken.None);
            return InteractionResponse.Message(new InteractionCallbackData
            {
                Content = message.Content,
                Embeds = message.Embeds,
                AllowedMentions = AllowedMentions.None,
                Flags = MessageFlags.Ephemeral,
            });
        }

        Running = Task.Run(() => CompleteAsync(applicationId, token, what, build, failed));
        return new InteractionResponse { Type = CallbackType.DeferredChannelMessageWithSource, Data = new InteractionCallbackData { Flags = MessageFlags.Ephemeral } };
    }

    private async Task<EditMessage> BuildAsync(string what, Func<CancellationToken, Task<EditMessage>> build, Func<Exception, EditMessage> failed, CancellationToken cancellationToken)
    {
        try
        {
            return await build(cancellationToken);
        }
        catch (Exception e)
        {
            LogBuildFailed(logger, what, e.GetType().Name, e.Message);
            return failed(e);
        }
    }

    private async Task CompleteAsync(string applicationId, string token, string what, Func<CancellationToken, Task<EditMessage>> build, Func<Exception, EditMessage> failed)
    {
        // An interaction token lives 15 minutes: past that the reply cannot be edited anyway.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(14));
        var message = await BuildAsync(what, build, failed, timeout.Token);
        if (services.GetService(typeof(IDiscordRest)) is not IDiscordRest rest)
        {
            return;
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await rest.EditOriginalResponseAsync(applicationId, token, message, timeout.Token);
                return;
            }
            catch (DiscordRestException e) when (e.Status == HttpStatusCode.NotFound && attempt < EditRetries.Length)
            {
                await Task.Delay(EditRetries[attempt], timeout.Token);
            }
            catch (Exception e) when (e is DiscordRestException or HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                LogEditFailed(logger, what, e.Message);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not make the {What} reply: {Error}: {Problem}")]
    private static partial void LogBuildFailed(ILogger logger, string what, string error, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not edit the {What} reply: {Problem}")]
    private static partial void LogEditFailed(ILogger logger, string what, string problem);
}
