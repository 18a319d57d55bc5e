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
    IReadOnlyDictionary<string, string>? DescriptionLocalizations = null);

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
    IReadOnlyList<int>? IntegrationTypes = null)
{
    public ApplicationCommand ToApplicationCommand() => new()
    {
        Name = Name,
        Type = Type,
        Description = Type == CommandType.ChatInput ? Description : null,
        DescriptionLocalizations = Type == CommandType.ChatInput ? DescriptionLocalizations : null,
        DefaultMemberPermissions = DefaultMemberPermissions,
        Contexts = Contexts,
        IntegrationTypes = IntegrationTypes,
        Options = Options is { Count: > 0 }
            ? Options.Select(o => new CommandOption
            {
                Type = o.Type,
                Name = o.Name,
                Description = o.Description,
                DescriptionLocalizations = o.DescriptionLocalizations,
                Required = o.Required ? true : null,
                Autocomplete = o.Autocomplete ? true : null,
                Choices = o.Choices,
                MaxLength = o.MaxLength,
            }).ToList()
            : null,
    };
}
