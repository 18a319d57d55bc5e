using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Models;

namespace AiFactories.Bot.Discord.Tests;

public sealed class CommandValidationTests
{
    private static readonly OptionDeclaration Query = new("query", "What to look for", OptionType.String, Required: true);

    public static TheoryData<CommandDeclaration, string> Invalid => new()
    {
        { new CommandDeclaration("Ask", "Upper case name"), "name must be" },
        { new CommandDeclaration("ask me", "Space in a slash name"), "name must be" },
        { new CommandDeclaration(new string('a', 33), "Too long a name"), "name must be" },
        { new CommandDeclaration("ask", ""), "description must be" },
        { new CommandDeclaration("ask", new string('d', 101)), "description must be" },
        { new CommandDeclaration("ask", "Optional before required", Options: [new OptionDeclaration("a", "A", OptionType.String), Query]), "required options must come before" },
        { new CommandDeclaration("ask", "Both", Options: [new OptionDeclaration("a", "A", OptionType.String, Autocomplete: true, Choices: [new CommandChoice { Name = "x", Value = "x" }])]), "exclude each other" },
        { new CommandDeclaration("ask", "Too many", Options: Enumerable.Range(0, 26).Select(i => new OptionDeclaration($"o{i}", "O", OptionType.String)).ToList()), "at most 25" },
        { new CommandDeclaration("ask", "Twice", Options: [Query, Query]), "declared twice" },
        { new CommandDeclaration("ask", "Locale", DescriptionLocalizations: new Dictionary<string, string> { ["xx"] = "?" }), "not a Discord locale" },
        { new CommandDeclaration("Ask it", "Context menus have none", CommandType.Message), "no description" },
        { new CommandDeclaration("ask", "Bad permissions", DefaultMemberPermissions: "admin"), "default_member_permissions" },
        { new CommandDeclaration("ask", "Boolean autocomplete", Options: [new OptionDeclaration("b", "B", OptionType.Boolean, Autocomplete: true)]), "autocomplete" },
        { new CommandDeclaration("ask", "Huge", Options: Enumerable.Range(0, 25).Select(i => new OptionDeclaration($"o{i}", new string('d', 100), OptionType.String, Choices: Enumerable.Range(0, 25).Select(c => new CommandChoice { Name = new string('n', 10), Value = $"{c}" }).ToList())).ToList()), "at most 8000" },
        { new CommandDeclaration("ask", "Long max", Options: [new OptionDeclaration("q", "Q", OptionType.String, MaxLength: 6001)]), "max_length" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void RefusesDeclarationsDiscordWouldRefuse(CommandDeclaration declaration, string expected)
    {
        var error = Assert.Throws<CommandDeclarationException>(() => CommandValidation.Validate(declaration));

        Assert.Contains(expected, error.Message);
        Assert.Contains($"command '{declaration.Name}'", error.Message);
    }

    [Fact]
    public void AcceptsAWellFormedSlashAndContextMenuCommand()
    {
        CommandValidation.Validate(new CommandDeclaration("ask-bot", "Asks", Options: [Query, new OptionDeclaration("hide", "Private", OptionType.Boolean)], DefaultMemberPermissions: "0"));
        CommandValidation.Validate(new CommandDeclaration("Ask AI Factories bot", null, CommandType.Message));
    }

    [Fact]
    public void RefusesTheSameCommandDeclaredTwice()
    {
        var error = Assert.Throws<CommandDeclarationException>(() => CommandValidation.Validate([new CommandDeclaration("ask", "A"), new CommandDeclaration("ask", "B")]));

        Assert.Contains("declared twice", error.Message);
    }

    [Fact]
    public void TurnsADeclarationIntoTheRegistrationShape()
    {
        var command = new CommandDeclaration("ask", "Asks", Options: [Query], DefaultMemberPermissions: "0").ToApplicationCommand();

        Assert.Equal("ask", command.Name);
        Assert.Equal("0", command.DefaultMemberPermissions);
        Assert.True(Assert.Single(command.Options!).Required);
        Assert.Null(new CommandDeclaration("Ask it", null, CommandType.Message).ToApplicationCommand().Description);
    }
}
