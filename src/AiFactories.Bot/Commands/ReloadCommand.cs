using System.Globalization;
using AiFactories.Bot.Answering;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Models;

namespace AiFactories.Bot.Commands;

/// <summary>
/// /reload: rereads the corpus and swaps the index. For server administrators only, checked here
/// (Administrator or Manage Server in the member's permissions; never in DMs), not only by Discord's
/// default permissions. It answers at once with a private "thinking…" and edits that reply with the
/// outcome, so a large corpus never makes it miss Discord's 3-second deadline.
/// </summary>
public sealed class ReloadCommand(BotTexts texts, KnowledgeProvider knowledge, DeferredReplies replies) : IInteractionCommand
{
    public CommandDeclaration Declaration { get; } = texts.Command("reload", admin: true);

    public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        if (AdminGate.Refusal(context, texts) is { } refusal)
        {
            context.Outcome = "not_allowed";
            return ValueTask.FromResult(refusal);
        }

        var locale = context.Interaction.Locale;
        return replies.DeferAsync(
            context,
            "/reload",
            _ => Task.FromResult(new EditMessage { Content = Describe(knowledge.Reload(), locale), AllowedMentions = AllowedMentions.None }),
            _ => new EditMessage { Content = texts.Say(locale, "apology"), AllowedMentions = AllowedMentions.None });
    }

    private string Describe(ReloadResult result, string? locale) => result.Reloaded
        ? texts.Say(locale, "reload_done", ("ms", result.Took!.Value.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)), ("summary", result.Message))
        : texts.Say(locale, "reload_refused", ("problem", result.Message));
}
