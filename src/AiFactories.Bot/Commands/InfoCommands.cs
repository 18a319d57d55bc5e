using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Hosting;
using AiFactories.Bot.Knowledge.Answers;

namespace AiFactories.Bot.Commands;

/// <summary>/sources: the documents the bot knows, with their dates and origins.</summary>
public sealed class SourcesCommand(KnowledgeProvider knowledge) : IInteractionCommand
{
    public CommandDeclaration Declaration { get; } = new("sources", "The documents the bot answers from, with dates and origins");

    public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var corpus = knowledge.Current.Corpus;
        var fields = corpus.Documents
            .Select(d => new EmbedField { Name = $"{d.Title} ({d.Kind}, {SiteFormatter.FormatDate(d.Date)})", Value = d.Origin + (d.Removed is null ? string.Empty : $"\nRemoved: {d.Removed}") })
            .Append(new EmbedField
            {
                Name = $"{corpus.FactSheet.Title} ({corpus.FactSheet.Entries.Count} entries)",
                Value = corpus.FactSheet.About + "\n" + string.Join("; ", corpus.FactSheet.Entries.SelectMany(e => e.Sources).Distinct().Take(12)),
            })
            .Append(new EmbedField
            {
                Name = $"Site records ({corpus.Sites.Count})",
                Value = string.Join("; ", corpus.Sites.SelectMany(s => s.Sources).Distinct()),
            })
            .ToList();
        return ValueTask.FromResult(InteractionResponse.Message(new InteractionCallbackData
        {
            Embeds = [new Embed { Title = "Sources", Color = AnswerMessages.AnsweredColor, Fields = fields, Footer = new EmbedFooter { Text = AnswerMessages.Footer } }],
            AllowedMentions = AllowedMentions.None,
        }));
    }
}

/// <summary>/help: what the bot does, with examples.</summary>
public sealed class HelpCommand(KnowledgeProvider knowledge) : IInteractionCommand
{
    public CommandDeclaration Declaration { get; } = new("help", "What this bot can do, with examples");

    public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var examples = knowledge.Current.Suggestions.For(null, 5).Select(q => $"• `/ask question:{q}`");
        var description = string.Join("\n",
        [
            "I answer questions about the European Commission's first seven AI Factories (December 2024): where they are, who hosts them, which machines, partners, sectors, funding, and why France was not among them at first. Every answer shows its evidence and names its source; when my sources do not hold the answer, I say so.",
            string.Empty,
            "**Commands**",
            "• `/ask question` (options `hide`, `mention`): an answer with evidence",
            "• `/site name`: one site's card (any name or language, typos forgiven)",
            "• `/sites [country]`: all sites",
            "• `/search query`: ranked passages, with pages",
            "• `/sources`: what I answer from",
            "• Right-click a message → Apps → **Ask AI Factories bot**",
            string.Empty,
            "**Examples**",
            .. examples,
        ]);
        return ValueTask.FromResult(InteractionResponse.Message(new InteractionCallbackData
        {
            Embeds = [new Embed { Title = "AiFactories.Bot", Description = description, Color = AnswerMessages.AnsweredColor, Footer = new EmbedFooter { Text = AnswerMessages.Footer } }],
            AllowedMentions = AllowedMentions.None,
            Flags = MessageFlags.Ephemeral,
        }));
    }
}
