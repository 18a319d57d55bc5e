namespace AiFactories.Bot.Discord.Interactions;

/// <summary>
/// The few messages the wire layer itself sends (slow down, an apology, an unknown command), in the
/// asker's language: a bot registers its own translations; English is the default.
/// </summary>
public interface IInteractionTexts
{
    string SlowDown(string? locale, int seconds);

    string Apology(string? locale);

    string UnknownCommand(string? locale);

    /// <summary>Too many answers in progress: try again in a moment.</summary>
    string Busy(string? locale);
}

/// <summary>The wire layer's messages in English.</summary>
public sealed class EnglishInteractionTexts : IInteractionTexts
{
    public const string ApologyText = "Sorry, something went wrong answering that. Please try again in a moment.";
    public const string UnknownCommandText = "Sorry, I don't know that command. It may have been removed; try /help.";

    public string SlowDown(string? locale, int seconds) =>
        $"You're asking faster than I can keep up with. Please wait {seconds} second{(seconds == 1 ? string.Empty : "s")} and try again.";

    public string Apology(string? locale) => ApologyText;

    public string UnknownCommand(string? locale) => UnknownCommandText;

    public string Busy(string? locale) => "I'm busy right now; please ask again in a moment.";
}
