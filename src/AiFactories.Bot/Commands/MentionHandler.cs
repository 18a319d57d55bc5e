using AiFactories.Bot.Discord.Gateway;
using AiFactories.Bot.Discord.Models;

namespace AiFactories.Bot.Commands;

/// <summary>A message that mentions the bot over the gateway is asked like /ask, through the same responder; its language comes from its text.</summary>
public sealed class AskMentionHandler(AnswerResponder responder, BotTexts texts) : IMentionHandler
{
    public ValueTask<InteractionCallbackData> AnswerAsync(GatewayMessage message, string text, CancellationToken cancellationToken) =>
        ValueTask.FromResult(string.IsNullOrWhiteSpace(text) ? new InteractionCallbackData { Content = texts.Say(null, "mention_prompt") } : responder.Respond(text, guildId: message.GuildId));
}
