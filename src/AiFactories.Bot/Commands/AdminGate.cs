using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Models;

namespace AiFactories.Bot.Commands;

/// <summary>
/// Admin commands are checked on the server, not only by Discord's default permissions (which a
/// server can change and which do not apply in DMs): in a server, and by a member with
/// Administrator or Manage Server.
/// </summary>
public static class AdminGate
{
    /// <summary>The permissions an admin command is shown to by default; the server check is the same.</summary>
    public const string DefaultPermissions = "32";

    /// <summary>A private refusal, or null when the invoker may run an admin command.</summary>
    public static InteractionResponse? Refusal(InteractionContext context, BotTexts texts)
    {
        var interaction = context.Interaction;
        if (interaction.GuildId is null || interaction.Member is null)
        {
            return InteractionResponse.Ephemeral(texts.Say(interaction.Locale, "servers_only"));
        }

        return Permissions.HasAny(interaction.Member.Permissions, Permissions.Administrator | Permissions.ManageGuild)
            ? null
            : InteractionResponse.Ephemeral(texts.Say(interaction.Locale, "not_allowed"));
    }
}
