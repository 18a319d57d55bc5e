using System.Globalization;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Answering;

namespace AiFactories.Bot.Commands;

/// <summary>/reload: administrators only (default_member_permissions "0"); rereads the corpus and swaps the index.</summary>
public sealed class ReloadCommand(KnowledgeProvider knowledge, BotTexts texts) : IInteractionCommand
{
    public CommandDeclaration Declaration { get; } = new(
        "reload",
        texts.Say(null, "cmd_reload_description"),
        DefaultMemberPermissions: "0",
        DescriptionLocalizations: texts.Localizations("cmd_reload_description"),
        NameLocalizations: texts.Localizations("cmdname_reload"));

    public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var result = knowledge.Reload();
        var text = result.Reloaded
            ? string.Create(CultureInfo.InvariantCulture, $"Reloaded in {result.Took!.Value.TotalMilliseconds:0} ms: {result.Message}.")
            : $"The corpus was not reloaded; I am still answering from the one loaded before. What is wrong: {result.Message}";
        return ValueTask.FromResult(InteractionResponse.Ephemeral(text));
    }
}
