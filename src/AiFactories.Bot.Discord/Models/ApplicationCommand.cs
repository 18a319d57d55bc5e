namespace AiFactories.Bot.Discord.Models;

/// <summary>A command as registered with Discord (the bulk-overwrite body).</summary>
public sealed record ApplicationCommand
{
    public required string Name { get; init; }

    public CommandType Type { get; init; } = CommandType.ChatInput;

    /// <summary>Required for slash commands; Discord wants it empty for context-menu commands.</summary>
    public string? Description { get; init; }

    public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }

    public IReadOnlyDictionary<string, string>? DescriptionLocalizations { get; init; }

    public IReadOnlyList<CommandOption>? Options { get; init; }

    /// <summary>A permission bit set as a string, "0" for administrators only.</summary>
    public string? DefaultMemberPermissions { get; init; }

    public IReadOnlyList<int>? Contexts { get; init; }

    public IReadOnlyList<int>? IntegrationTypes { get; init; }
}

public sealed record CommandOption
{
    public required OptionType Type { get; init; }

    public required string Name { get; init; }

    public required string Description { get; init; }

    public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }

    public IReadOnlyDictionary<string, string>? DescriptionLocalizations { get; init; }

    public bool? Required { get; init; }

    public bool? Autocomplete { get; init; }

    public IReadOnlyList<CommandChoice>? Choices { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public int? MinValue { get; init; }

    public int? MaxValue { get; init; }
}
