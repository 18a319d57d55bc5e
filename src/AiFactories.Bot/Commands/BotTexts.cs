using System.Globalization;
using AiFactories.Bot.Answering;
using AiFactories.Bot.Discord.Interactions;

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

    public string SlowDown(string? locale, int seconds) => Say(locale, "slow_down", ("seconds", seconds.ToString(CultureInfo.InvariantCulture)));

    public string Apology(string? locale) => Say(locale, "apology");

    public string UnknownCommand(string? locale) => Say(locale, "unknown_command");

    public string Busy(string? locale) => Say(locale, "busy");
}
