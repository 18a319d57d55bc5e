using AiFactories.Bot.Discord.Gateway;
using AiFactories.Bot.Discord.Models;

namespace AiFactories.Bot.Commands;

/// <summary>A message that mentions the bot over the gateway is asked like /ask, through the same responder.</summary>
public sealed class AskMentionHandler(AnswerResponder responder) : IMentionHandler
{
    public const string Prompt = "Ask me something after the mention, for example: who hosts the AI Factory in Stuttgart?";

    public ValueTask<InteractionCallbackData> AnswerAsync(GatewayMessage message, string text, CancellationToken cancellationToken) =>
        ValueTask.FromResult(string.IsNullOrWhiteSpace(text) ? new InteractionCallbackData { Content = Prompt } : responder.Respond(text));
}
