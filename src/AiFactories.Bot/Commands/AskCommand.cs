using AiFactories.Bot.Answering;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Rendering;

namespace AiFactories.Bot.Commands;

/// <summary>/ask: the answer as an embed, optionally private or addressed to someone.</summary>
public sealed class AskCommand(AnswerResponder responder, KnowledgeProvider knowledge) : IInteractionCommand
{
    public CommandDeclaration Declaration { get; } = new(
        "ask",
        "Ask about the EU's first AI Factories: sites, hosts, machines, funding, France",
        Options:
        [
            new OptionDeclaration("question", "Your question, in any main EU language", OptionType.String, Required: true, Autocomplete: true, MaxLength: 1000,
                DescriptionLocalizations: new Dictionary<string, string> { ["fr"] = "Votre question", ["de"] = "Deine Frage", ["it"] = "La tua domanda", ["es-ES"] = "Tu pregunta" }),
            new OptionDeclaration("hide", "Only you see the answer (you can post it afterwards)", OptionType.Boolean),
            new OptionDeclaration("mention", "Someone the answer is addressed to (the only one pinged)", OptionType.User),
        ],
        DescriptionLocalizations: new Dictionary<string, string>
        {
            ["fr"] = "Questions sur les premières AI Factories de l'UE",
            ["de"] = "Fragen zu den ersten KI-Fabriken der EU",
            ["it"] = "Domande sulle prime AI Factories dell'UE",
            ["es-ES"] = "Preguntas sobre las primeras AI Factories de la UE",
        });

    public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(InteractionResponse.Message(responder.Respond(context.GetString("question"), context.GetBoolean("hide") == true, context.GetUserId("mention"))));

    public ValueTask<IReadOnlyList<CommandChoice>> AutocompleteAsync(InteractionContext context, InteractionOption focused, CancellationToken cancellationToken)
    {
        var typed = focused.Value?.ToString()?.Trim() ?? string.Empty;
        var suggestions = knowledge.Current.Suggest(typed, 25).ToList();
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
public sealed class AskMessageCommand(AnswerResponder responder) : IInteractionCommand
{
    public CommandDeclaration Declaration { get; } = new("Ask AI Factories bot", null, CommandType.Message);

    public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var text = context.TargetMessage?.Content;
        if (string.IsNullOrWhiteSpace(text))
        {
            return ValueTask.FromResult(InteractionResponse.Ephemeral("That message has no text I can read as a question."));
        }

        // A long message is asked by its beginning rather than refused.
        var max = responder.MaxQuestionLength;
        return ValueTask.FromResult(InteractionResponse.Message(responder.Respond(text.Length > max ? text[..max] : text)));
    }
}

/// <summary>"Post to channel": posts a private answer's embeds publicly, pinging nobody.</summary>
public sealed class PostToChannelHandler : IComponentHandler
{
    public string Prefix => DiscordRenderer.PostButtonId;

    public ValueTask<InteractionResponse> HandleAsync(InteractionContext context, string argument, CancellationToken cancellationToken)
    {
        var embeds = context.Interaction.Message?.Embeds;
        if (embeds is not { Count: > 0 })
        {
            return ValueTask.FromResult(InteractionResponse.Ephemeral("There is no answer on that message to post."));
        }

        var who = context.Invoker?.Id;
        return ValueTask.FromResult(InteractionResponse.Message(new InteractionCallbackData
        {
            Content = who is null ? null : $"Shared by <@{who}>",
            Embeds = embeds.Select(e => new Embed { Title = e.Title, Description = e.Description, Color = e.Color, Fields = e.Fields, Footer = e.Footer }).ToList(),
            AllowedMentions = AllowedMentions.None,
        }));
    }
}
