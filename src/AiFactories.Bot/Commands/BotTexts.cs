using System.Globalization;
using AiFactories.Bot.Answering;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Models;

namespace AiFactories.Bot.Commands;

/// <summary>
/// The bot's own words (the "ui" texts of the language files) in the reader's language, for the
/// commands, the buttons and the wire layer's messages; and the command localizations Discord shows.
/// </summary>
public sealed class BotTexts(KnowledgeProvider knowledge) : IInteractionTexts
{
    private static readonly string[] EnglishLocales = ["en-US", "en-GB"];

    /// <summary>One of the bot's texts in the language of a Discord locale (English when the bot does not speak it).</summary>
    public string Say(string? locale, string key, params (string Key, string Value)[] slots) => knowledge.Current.Text(locale, key, slots);

    /// <summary>The texts of one locale, as a function from key to text.</summary>
    public Func<string, string> For(string? locale) => key => Say(locale, key);

    /// <summary>Every other locale's version of a text, for name and description localizations; null when there is none.</summary>
    public IReadOnlyDictionary<string, string>? Localizations(string key)
    {
        var english = Say(null, key);
        var localized = knowledge.Current.Translations(key)
            .Where(t => !EnglishLocales.Contains(t.Key) && t.Value != english)
            .ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        return localized.Count == 0 ? null : localized;
    }

    /// <summary>
    /// A slash command declared in the bot's words: its description is the text "cmd_NAME_description"
    /// and its localized name "cmdname_NAME". An admin command is offered in servers of a server
    /// install only and shown to members who can manage the server (the bot checks again on use:
    /// <see cref="AdminGate"/>); the others work in every install and place.
    /// </summary>
    public CommandDeclaration Command(string name, bool admin = false, params OptionDeclaration[] options) => new(
        name,
        Say(null, $"cmd_{name}_description"),
        Options: options.Length == 0 ? null : options,
        DefaultMemberPermissions: admin ? AdminGate.DefaultPermissions : null,
        DescriptionLocalizations: Localizations($"cmd_{name}_description"),
        Contexts: admin ? CommandScopes.ServersOnly : CommandScopes.Anywhere,
        IntegrationTypes: admin ? CommandScopes.ServerInstall : CommandScopes.AnyInstall,
        NameLocalizations: Localizations($"cmdname_{name}"));

    /// <summary>An option in the bot's words: described by the text <paramref name="descriptionKey"/>, its localized name "optname_NAME".</summary>
    public OptionDeclaration Option(string name, string descriptionKey, OptionType type) =>
        new(name, Say(null, descriptionKey), type, DescriptionLocalizations: Localizations(descriptionKey), NameLocalizations: Localizations($"optname_{name}"));

    public string SlowDown(string? locale, int seconds) => Say(locale, "slow_down", ("seconds", seconds.ToString(CultureInfo.InvariantCulture)));

    public string Apology(string? locale) => Say(locale, "apology");

    public string UnknownCommand(string? locale) => Say(locale, "unknown_command");

    public string Busy(string? locale) => Say(locale, "busy");
}
