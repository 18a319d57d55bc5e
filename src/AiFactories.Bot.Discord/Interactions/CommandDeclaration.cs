using AiFactories.Bot.Discord.Models;

namespace AiFactories.Bot.Discord.Interactions;

/// <summary>One option of a command, declared once for registration, dispatch and autocomplete.</summary>
public sealed record OptionDeclaration(
    string Name,
    string Description,
    OptionType Type,
    bool Required = false,
    bool Autocomplete = false,
    int? MaxLength = null,
    IReadOnlyList<CommandChoice>? Choices = null,
    IReadOnlyDictionary<string, string>? DescriptionLocalizations = null,
    IReadOnlyDictionary<string, string>? NameLocalizations = null,
    int? MinValue = null,
    int? MaxValue = null);

/// <summary>
/// A command, declared once: the same value is registered with Discord and routes interactions to
/// its handler.
/// </summary>
public sealed record CommandDeclaration(
    string Name,
    string? Description,
    CommandType Type = CommandType.ChatInput,
    IReadOnlyList<OptionDeclaration>? Options = null,
    string? DefaultMemberPermissions = null,
    IReadOnlyDictionary<string, string>? DescriptionLocalizations = null,
    IReadOnlyList<int>? Contexts = null,
    IReadOnlyList<int>? IntegrationTypes = null,
    IReadOnlyDictionary<string, string>? NameLocalizations = null)
{
    public ApplicationCommand ToApplicationCommand() => new()
    {
        Name = Name,
        Type = Type,
        Description = Type == CommandType.ChatInput ? Description : null,
        NameLocalizations = NameLocalizations is { Count: > 0 } ? NameLocalizations : null,
        DescriptionLocalizations = Type == CommandType.ChatInput && DescriptionLocalizations is { Count: > 0 } ? DescriptionLocalizations : null,
        DefaultMemberPermissions = DefaultMemberPermissions,
        Contexts = Contexts,
        IntegrationTypes = IntegrationTypes,
        Options = Options is { Count: > 0 }
            ? Options.Select(o => new CommandOption
            {
                Type = o.Type,
                Name = o.Name,
                Description = o.Description,
                NameLocalizations = o.NameLocalizations is { Count: > 0 } ? o.NameLocalizations : null,
                DescriptionLocalizations = o.DescriptionLocalizations is { Count: > 0 } ? o.DescriptionLocalizations : null,
                Required = o.Required ? true : null,
                Autocomplete = o.Autocomplete ? true : null,
                Choices = o.Choices,
                MaxLength = o.MaxLength,
                MinValue = o.MinValue,
                MaxValue = o.MaxValue,
            }).ToList()
            : null,
    };
}
