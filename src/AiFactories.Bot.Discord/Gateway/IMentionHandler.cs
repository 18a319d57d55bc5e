using AiFactories.Bot.Discord.Models;

namespace AiFactories.Bot.Discord.Gateway;

/// <summary>Answers a message that mentions the bot, the way a command answers an interaction: it returns the reply.</summary>
public interface IMentionHandler
{
    /// <summary>The reply to <paramref name="message"/>; <paramref name="text"/> is its content without the mentions.</summary>
    ValueTask<InteractionCallbackData> AnswerAsync(GatewayMessage message, string text, CancellationToken cancellationToken);
}
