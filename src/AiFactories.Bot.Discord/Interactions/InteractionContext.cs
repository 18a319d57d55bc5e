using System.Text.Json;
using AiFactories.Bot.Discord.Models;

namespace AiFactories.Bot.Discord.Interactions;

/// <summary>One interaction being handled, with typed access to its options, in its own DI scope.</summary>
public sealed class InteractionContext(Interaction interaction, IServiceProvider services)
{
    public Interaction Interaction { get; } = interaction;

    public IServiceProvider Services { get; } = services;

    public User? Invoker => Interaction.Invoker;

    /// <summary>The top-level options (or those of the sub-command, if one was used).</summary>
    public IReadOnlyList<InteractionOption> Options =>
        Interaction.Data?.Options is [{ Type: OptionType.SubCommand, Options: { } inner }] ? inner : Interaction.Data?.Options ?? [];

    public InteractionOption? Focused => Options.FirstOrDefault(o => o.Focused == true);

    /// <summary>How the handler says it went, for the metrics ("answered", "not_answered"...); "ok" when it says nothing.</summary>
    public string? Outcome { get; set; }

    public string? GetString(string name) => Value(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public bool? GetBoolean(string name) => Value(name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };

    public int? GetInteger(string name) => Value(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var number) ? number : null;

    /// <summary>The id a user option holds, when it is a snowflake (digits only); anything else is no user.</summary>
    public string? GetUserId(string name) =>
        Value(name) is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: >= 15 and <= 21 } id && id.All(char.IsAsciiDigit) ? id : null;

    /// <summary>For a message context-menu command: the message it was used on.</summary>
    public Message? TargetMessage =>
        Interaction.Data is { TargetId: { } id, Resolved.Messages: { } messages } && messages.TryGetValue(id, out var message) ? message : null;

    private JsonElement? Value(string name) => Options.FirstOrDefault(o => o.Name == name)?.Value;
}

/// <summary>A command: its declaration and what it answers. It returns the response; it never writes to the transport.</summary>
public interface IInteractionCommand
{
    CommandDeclaration Declaration { get; }

    ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken);

    /// <summary>Suggestions for the focused option; Discord shows at most 25.</summary>
    ValueTask<IReadOnlyList<CommandChoice>> AutocompleteAsync(InteractionContext context, InteractionOption focused, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<CommandChoice>>([]);
}

/// <summary>Handles clicks on components whose custom_id starts with "<see cref="Prefix"/>:".</summary>
public interface IComponentHandler
{
    string Prefix { get; }

    ValueTask<InteractionResponse> HandleAsync(InteractionContext context, string argument, CancellationToken cancellationToken);
}
