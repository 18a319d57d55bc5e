using AiFactories.Bot.Answering;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Rendering;

namespace AiFactories.Bot.Commands;

/// <summary>/ask: the answer as an embed, in the question's language, optionally private or addressed to someone.</summary>
public sealed class AskCommand(AnswerResponder responder, KnowledgeProvider knowledge, BotTexts texts) : IInteractionCommand
{
    public CommandDeclaration Declaration { get; } = texts.Command(
        "ask",
        options:
        [
            texts.Option("question", "cmd_ask_question", OptionType.String) with { Required = true, Autocomplete = true, MaxLength = 1000 },
            texts.Option("hide", "cmd_ask_hide", OptionType.Boolean),
            texts.Option("mention", "cmd_ask_mention", OptionType.User),
        ]);

    public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(InteractionResponse.Message(responder.Respond(
            context, context.GetString("question"), context.Interaction.Locale, context.GetBoolean("hide") == true, context.GetUserId("mention"))));

    public ValueTask<IReadOnlyList<CommandChoice>> AutocompleteAsync(InteractionContext context, InteractionOption focused, CancellationToken cancellationToken)
    {
        var typed = focused.Value?.ToString()?.Trim() ?? string.Empty;
        var current = knowledge.Current;
        var suggestions = current.Suggest(typed, 25, current.LanguageOf(context.Interaction.Locale)).ToList();
        if (typed.Length > 0 && !suggestions.Contains(typed, StringComparer.OrdinalIgnoreCase))
        {
            // Whatever the user typed stays the first choice: any text is a question.
            suggestions.Insert(0, typed);
        }

        return ValueTask.FromResult<IReadOnlyList<CommandChoice>>(suggestions.Take(25)
            .Select(s => new CommandChoice { Name = s, Value = s.Length <= 100 ? s : s[..100] })
            .ToList());
    }
}

/// <summary>"Ask AI Factories bot" on a message: answers the message's text.</summary>
public sealed class AskMessageCommand(AnswerResponder responder, BotTexts texts) : IInteractionCommand
{
    public CommandDeclaration Declaration { get; } = new(
        texts.Say(null, "cmd_message_ask"),
        null,
        CommandType.Message,
        Contexts: CommandScopes.Anywhere,
        IntegrationTypes: CommandScopes.AnyInstall,
        NameLocalizations: texts.Localizations("cmd_message_ask"));

    public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var text = context.TargetMessage?.Content;
        if (string.IsNullOrWhiteSpace(text))
        {
            return ValueTask.FromResult(InteractionResponse.Ephemeral(texts.Say(context.Interaction.Locale, "no_text")));
        }

        // A long message is asked by its beginning rather than refused.
        var max = responder.MaxQuestionLength;
        var question = text.Length > max ? Discord.Messages.DiscordLimits.Truncate(text, max) : text;
        return ValueTask.FromResult(InteractionResponse.Message(responder.Respond(context, question, context.Interaction.Locale, hide: false, mention: null)));
    }
}

/// <summary>"Post to channel": posts a private answer's embeds publicly, pinging nobody.</summary>
public sealed class PostToChannelHandler(BotTexts texts) : IComponentHandler
{
    public string Prefix => DiscordRenderer.PostButtonId;

    public ValueTask<InteractionResponse> HandleAsync(InteractionContext context, string argument, CancellationToken cancellationToken)
    {
        var embeds = context.Interaction.Message?.Embeds;
        if (embeds is not { Count: > 0 })
        {
            return ValueTask.FromResult(InteractionResponse.Ephemeral(texts.Say(context.Interaction.Locale, "nothing_to_post")));
        }

        var who = context.Invoker?.Id;
        return ValueTask.FromResult(InteractionResponse.Message(new InteractionCallbackData
        {
            Content = who is null ? null : texts.Say(context.Interaction.Locale, "shared_by", ("user", $"<@{who}>")),
            Embeds = embeds.Select(e => new Embed { Title = e.Title, Description = e.Description, Color = e.Color, Fields = e.Fields, Footer = e.Footer }).ToList(),
            AllowedMentions = AllowedMentions.None,
            Components = VoteRow(context.Interaction.Message?.Components),
        }));
    }

    /// <summary>The private answer's vote buttons, kept under the posted copy (the same answer, so the same votes).</summary>
    private static IReadOnlyList<Component>? VoteRow(IReadOnlyList<Component>? rows)
    {
        var votes = (rows ?? [])
            .SelectMany(row => row.Components ?? [])
            .Where(button => button.Type == ComponentType.Button && button.CustomId?.StartsWith(DiscordRenderer.VoteButtonId + ":", StringComparison.Ordinal) == true)
            .Select(button => Component.Button(button.Label ?? "-", button.CustomId!, ButtonStyle.Secondary, emoji: button.Emoji?.Name))
            .ToArray();
        return votes.Length == 0 ? null : [Component.Row(votes)];
    }
}
