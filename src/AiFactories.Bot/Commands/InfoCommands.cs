using AiFactories.Bot.Answering;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace AiFactories.Bot.Commands;

/// <summary>/sources: the documents the bot knows, with their dates and origins.</summary>
public sealed class SourcesCommand(KnowledgeProvider knowledge) : IInteractionCommand
{
    public CommandDeclaration Declaration { get; } = new("sources", "The documents the bot answers from, with dates and origins");

    public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(InteractionResponse.Message(new InteractionCallbackData
        {
            Embeds = [DiscordRenderer.Sources(knowledge.Current.Sources())],
            AllowedMentions = AllowedMentions.None,
        }));
}

/// <summary>/help: what the bot does, built from the command declarations, with examples from the corpus.</summary>
public sealed class HelpCommand(KnowledgeProvider knowledge) : IInteractionCommand
{
    private const string About = "I answer questions about the European Commission's first seven AI Factories (December 2024): where they are, who hosts them, which machines, partners, sectors, funding, and why France was not among them at first. Every answer shows its evidence and names its source; when my sources do not hold the answer, I say so.";

    public CommandDeclaration Declaration { get; } = new("help", "What this bot can do, with examples");

    public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        // The registry holds this command too, so it is looked up when asked for, not injected.
        var declarations = context.Services.GetRequiredService<CommandRegistry>().Declarations;
        var examples = knowledge.Current.Suggest(null, 5).Select(q => $"• `/ask question:{q}`");
        var description = string.Join("\n",
        [
            About,
            string.Empty,
            "**Commands**",
            .. declarations.Where(d => d.DefaultMemberPermissions is null).Select(Line),
            string.Empty,
            "**Examples**",
            .. examples,
        ]);
        return ValueTask.FromResult(InteractionResponse.Message(new InteractionCallbackData
        {
            Embeds = [new Embed { Title = "AiFactories.Bot", Description = description, Color = DiscordRenderer.AnsweredColor, Footer = DiscordRenderer.FooterLine() }],
            AllowedMentions = AllowedMentions.None,
            Flags = MessageFlags.Ephemeral,
        }));
    }

    /// <summary>"• `/ask question [hide] [mention]`: description", or how to reach a context-menu command.</summary>
    private static string Line(CommandDeclaration declaration)
    {
        if (declaration.Type == CommandType.Message)
        {
            return $"• Right-click a message → Apps → **{declaration.Name}**";
        }

        var options = (declaration.Options ?? []).Select(o => o.Required ? o.Name : $"[{o.Name}]");
        return $"• `/{string.Join(' ', options.Prepend(declaration.Name))}`: {declaration.Description}";
    }
}
