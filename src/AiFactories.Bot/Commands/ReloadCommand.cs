using System.Globalization;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Answering;

namespace AiFactories.Bot.Commands;

/// <summary>/reload: administrators only (default_member_permissions "0"); rereads the corpus and swaps the index.</summary>
public sealed class ReloadCommand(KnowledgeProvider knowledge) : IInteractionCommand
{
    public CommandDeclaration Declaration { get; } = new(
        "reload",
        "Reread the corpus and swap the index (administrators)",
        DefaultMemberPermissions: "0");

    public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var result = knowledge.Reload();
        var text = result.Reloaded
            ? string.Create(CultureInfo.InvariantCulture, $"Reloaded in {result.Took!.Value.TotalMilliseconds:0} ms: {result.Message}.")
            : $"The corpus was not reloaded; I am still answering from the one loaded before. What is wrong: {result.Message}";
        return ValueTask.FromResult(InteractionResponse.Ephemeral(text));
    }
}
