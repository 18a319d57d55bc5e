using AiFactories.Bot.Discord;
using AiFactories.Bot.Feedback;

namespace AiFactories.Bot.Commands;

/// <summary>The key vote tokens are signed with, from the settings.</summary>
public static class VoteKeys
{
    /// <summary>
    /// Store:VoteKey when set (the same on every replica; rotate it to void old buttons); else the
    /// bot token, which every replica of one bot shares and nobody else knows; else (a public
    /// endpoint without a token) the public key and application id, which make the buttons
    /// tamper-evident but can be known to others, so set Store:VoteKey there.
    /// </summary>
    public static VoteTokens Create(StoreOptions store, DiscordOptions discord, TimeProvider clock)
    {
        var secret = !string.IsNullOrEmpty(store.VoteKey) ? "key\n" + store.VoteKey
            : !string.IsNullOrEmpty(discord.BotToken) ? "token\n" + discord.BotToken
            : $"public\n{discord.PublicKey}\n{discord.ApplicationId}";
        return new VoteTokens(System.Text.Encoding.UTF8.GetBytes(secret), TimeSpan.FromDays(store.RetentionDays), clock);
    }
}
