using AiFactories.Bot.Discord.Models;

namespace AiFactories.Bot.Discord.Interactions;

/// <summary>
/// The commands and component handlers of the bot, validated once; the same declarations give the
/// registration body and route each interaction.
/// </summary>
public sealed class CommandRegistry
{
    private readonly Dictionary<(string, CommandType), IInteractionCommand> _commands = [];
    private readonly Dictionary<string, IComponentHandler> _components = new(StringComparer.Ordinal);

    public CommandRegistry(IEnumerable<IInteractionCommand> commands, IEnumerable<IComponentHandler> components)
    {
        var list = commands.ToList();
        CommandValidation.Validate(list.Select(c => c.Declaration));
        foreach (var command in list)
        {
            _commands[(command.Declaration.Name, command.Declaration.Type)] = command;
        }

        foreach (var component in components)
        {
            if (component.Prefix.Length == 0 || component.Prefix.Contains(':', StringComparison.Ordinal) || !_components.TryAdd(component.Prefix, component))
            {
                throw new CommandDeclarationException($"component prefix '{component.Prefix}' is empty, has a ':' or is used twice");
            }
        }

        Declarations = list.Select(c => c.Declaration).ToList();
    }

    public IReadOnlyList<CommandDeclaration> Declarations { get; }

    /// <summary>The bulk-overwrite body for Discord.</summary>
    public IReadOnlyList<ApplicationCommand> ToApplicationCommands() => Declarations.Select(d => d.ToApplicationCommand()).ToList();

    public IInteractionCommand? FindCommand(string? name, CommandType? type) =>
        name is not null && _commands.TryGetValue((name, type ?? CommandType.ChatInput), out var command) ? command : null;

    /// <summary>The handler for a custom_id of the form "prefix:argument", with the argument.</summary>
    public (IComponentHandler Handler, string Argument)? FindComponent(string? customId)
    {
        if (customId is null)
        {
            return null;
        }

        var colon = customId.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon < 0 ? customId : customId[..colon];
        return _components.TryGetValue(prefix, out var handler) ? (handler, colon < 0 ? string.Empty : customId[(colon + 1)..]) : null;
    }
}
