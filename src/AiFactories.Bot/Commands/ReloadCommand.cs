using System.Globalization;
using System.Net;
using AiFactories.Bot.Answering;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace AiFactories.Bot.Commands;

/// <summary>
/// /reload: rereads the corpus and swaps the index. For server administrators only, checked here
/// (Administrator or Manage Server in the member's permissions; never in DMs), not only by Discord's
/// default permissions. It answers at once with a private "thinking…" and edits that reply with the
/// outcome, so a large corpus never makes it miss Discord's 3-second deadline.
/// </summary>
public sealed class ReloadCommand(BotTexts texts, ReloadFollowUp followUp) : IInteractionCommand
{
    public CommandDeclaration Declaration { get; } = new(
        "reload",
        texts.Say(null, "cmd_reload_description"),
        DefaultMemberPermissions: AdminGate.DefaultPermissions,
        DescriptionLocalizations: texts.Localizations("cmd_reload_description"),
        Contexts: CommandScopes.ServersOnly,
        IntegrationTypes: CommandScopes.ServerInstall,
        NameLocalizations: texts.Localizations("cmdname_reload"));

    public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        if (AdminGate.Refusal(context, texts) is { } refusal)
        {
            context.Outcome = "not_allowed";
            return ValueTask.FromResult(refusal);
        }

        var interaction = context.Interaction;
        if (interaction.ApplicationId is not { Length: > 0 } applicationId || interaction.Token is not { Length: > 0 } token)
        {
            // Without a token to edit the reply later, the outcome can only be the reply itself.
            return ValueTask.FromResult(InteractionResponse.Ephemeral(followUp.Describe(followUp.Reload(), interaction.Locale)));
        }

        followUp.Start(applicationId, token, interaction.Locale);
        return ValueTask.FromResult(new InteractionResponse
        {
            Type = CallbackType.DeferredChannelMessageWithSource,
            Data = new InteractionCallbackData { Flags = MessageFlags.Ephemeral },
        });
    }
}

/// <summary>
/// Runs a reload off the request and edits the deferred reply with its outcome through the
/// interaction's webhook. The edit is retried while Discord may not yet know the deferred reply
/// (a fast reload can finish before Discord has read the response that deferred it).
/// </summary>
public sealed partial class ReloadFollowUp(KnowledgeProvider knowledge, BotTexts texts, IServiceProvider services, ILogger<ReloadFollowUp> logger)
{
    private static readonly TimeSpan[] EditRetries = [TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    /// <summary>The last follow-up started, for tests and for a graceful stop.</summary>
    public Task Running { get; private set; } = Task.CompletedTask;

    public ReloadResult Reload() => knowledge.Reload();

    public string Describe(ReloadResult result, string? locale) => result.Reloaded
        ? texts.Say(locale, "reload_done", ("ms", result.Took!.Value.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)), ("summary", result.Message))
        : texts.Say(locale, "reload_refused", ("problem", result.Message));

    public void Start(string applicationId, string token, string? locale) =>
        Running = Task.Run(() => RunAsync(applicationId, token, locale));

    private async Task RunAsync(string applicationId, string token, string? locale)
    {
        var text = Describe(Reload(), locale);
        if (services.GetService(typeof(IDiscordRest)) is not IDiscordRest rest)
        {
            return;
        }

        var message = new EditMessage { Content = text, AllowedMentions = AllowedMentions.None };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await rest.EditOriginalResponseAsync(applicationId, token, message, CancellationToken.None);
                return;
            }
            catch (DiscordRestException e) when (e.Status == HttpStatusCode.NotFound && attempt < EditRetries.Length)
            {
                await Task.Delay(EditRetries[attempt]);
            }
            catch (Exception e) when (e is DiscordRestException or HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                LogEditFailed(logger, e.Message);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not edit the /reload reply with its outcome: {Problem}")]
    private static partial void LogEditFailed(ILogger logger, string problem);
}
