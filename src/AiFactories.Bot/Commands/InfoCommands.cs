using AiFactories.Bot.Answering;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace AiFactories.Bot.Commands;

/// <summary>/sources: the documents the bot knows, with their dates and origins.</summary>
public sealed class SourcesCommand(KnowledgeProvider knowledge, BotTexts texts) : IInteractionCommand
{
    public CommandDeclaration Declaration { get; } = texts.Command("sources");

    public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(InteractionResponse.Message(new InteractionCallbackData
        {
            Embeds = [DiscordRenderer.Sources(knowledge.Current.Sources(), texts.For(context.Interaction.Locale))],
            AllowedMentions = AllowedMentions.None,
        }));
}

/// <summary>/help: what the bot does, built from the command declarations, in the asker's language, with examples from the corpus.</summary>
public sealed class HelpCommand(KnowledgeProvider knowledge, BotTexts texts) : IInteractionCommand
{
    public CommandDeclaration Declaration { get; } = texts.Command("help");

    public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        // The registry holds this command too, so it is looked up when asked for, not injected.
        var declarations = context.Services.GetRequiredService<CommandRegistry>().Declarations;
        var locale = context.Interaction.Locale;
        var current = knowledge.Current;
        var examples = current.Suggest(null, 5, current.LanguageOf(locale)).Select(q => $"• `/ask question:{q}`");
        var languages = string.Join(", ", current.Languages.Select(l => l.NativeName));
        var description = string.Join("\n",
        [
            texts.Say(locale, "help_about"),
            texts.Say(locale, "languages_read", ("languages", languages)),
            texts.Say(locale, "votes_anonymous"),
            string.Empty,
            $"**{texts.Say(locale, "help_commands")}**",
            .. declarations.Where(d => d.DefaultMemberPermissions is null).Select(d => Line(d, locale)),
            string.Empty,
            $"**{texts.Say(locale, "help_examples")}**",
            .. examples,
        ]);
        return ValueTask.FromResult(InteractionResponse.Message(new InteractionCallbackData
        {
            Embeds = [new Embed { Title = texts.Say(locale, "help_title"), Description = description, Color = DiscordRenderer.AnsweredColor, Footer = new EmbedFooter { Text = texts.Say(locale, "footer") } }],
            AllowedMentions = AllowedMentions.None,
            Flags = MessageFlags.Ephemeral,
        }));
    }

    /// <summary>"• `/ask question [hide] [mention]`: description" in the asker's locale, or how to reach a context-menu command.</summary>
    private string Line(CommandDeclaration declaration, string? locale)
    {
        static string In(string text, IReadOnlyDictionary<string, string>? localized, string? locale) =>
            locale is not null && localized is not null && localized.TryGetValue(locale, out var value) ? value : text;
        if (declaration.Type == CommandType.Message)
        {
            return "• " + texts.Say(locale, "help_context_menu", ("name", In(declaration.Name, declaration.NameLocalizations, locale)));
        }

        var options = (declaration.Options ?? []).Select(o => In(o.Name, o.NameLocalizations, locale)).Zip(declaration.Options ?? [], (name, o) => o.Required ? name : $"[{name}]");
        return $"• `/{string.Join(' ', options.Prepend(In(declaration.Name, declaration.NameLocalizations, locale)))}`: {In(declaration.Description ?? string.Empty, declaration.DescriptionLocalizations, locale)}";
    }
}
