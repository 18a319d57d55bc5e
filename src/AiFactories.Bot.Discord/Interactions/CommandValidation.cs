using System.Text.RegularExpressions;
using AiFactories.Bot.Discord.Models;

namespace AiFactories.Bot.Discord.Interactions;

/// <summary>A command declaration Discord would refuse; the message names the command and option.</summary>
public sealed class CommandDeclarationException(string message) : Exception(message);

/// <summary>Discord's rules for command declarations (interactions/application-commands), checked before registering.</summary>
public static partial class CommandValidation
{
    public const int MaxNameLength = 32;
    public const int MaxDescriptionLength = 100;
    public const int MaxOptions = 25;
    public const int MaxChoices = 25;
    public const int MaxStringLength = 6000;
    public const int MaxCommandCharacters = 8000;

    public static readonly IReadOnlySet<string> Locales = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "da", "de", "en-GB", "en-US", "es-ES", "es-419", "fr", "hr", "it", "lt", "hu", "nl", "no", "pl", "pt-BR",
        "ro", "fi", "sv-SE", "vi", "tr", "cs", "el", "bg", "ru", "uk", "hi", "th", "zh-CN", "ja", "zh-TW", "ko",
    };

    [GeneratedRegex(@"^[-_'\p{L}\p{N}]{1,32}$")]
    private static partial Regex SlashName();

    public static void Validate(IEnumerable<CommandDeclaration> declarations)
    {
        var seen = new HashSet<(string, CommandType)>();
        foreach (var declaration in declarations)
        {
            Validate(declaration);
            if (!seen.Add((declaration.Name, declaration.Type)))
            {
                throw new CommandDeclarationException($"command '{declaration.Name}' is declared twice");
            }
        }
    }

    public static void Validate(CommandDeclaration command)
    {
        var where = $"command '{command.Name}'";
        if (command.Type == CommandType.ChatInput)
        {
            CheckSlashName(command.Name, where);
            CheckDescription(command.Description, where);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Length > MaxNameLength)
            {
                throw new CommandDeclarationException($"{where}: a context-menu name must be 1-{MaxNameLength} characters");
            }

            if (!string.IsNullOrEmpty(command.Description) || command.Options is { Count: > 0 })
            {
                throw new CommandDeclarationException($"{where}: context-menu commands take no description and no options");
            }
        }

        CheckLocalizations(command.DescriptionLocalizations, MaxDescriptionLength, where);
        CheckNameLocalizations(command.NameLocalizations, command.Type == CommandType.ChatInput, where);
        if (command.DefaultMemberPermissions is { } permissions && !ulong.TryParse(permissions, out _))
        {
            throw new CommandDeclarationException($"{where}: default_member_permissions must be a permission bit set written as a number");
        }

        var options = command.Options ?? [];
        if (options.Count > MaxOptions)
        {
            throw new CommandDeclarationException($"{where}: {options.Count} options; at most {MaxOptions}");
        }

        var optionalSeen = false;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            var at = $"{where}, option '{option.Name}'";
            CheckSlashName(option.Name, at);
            CheckDescription(option.Description, at);
            CheckLocalizations(option.DescriptionLocalizations, MaxDescriptionLength, at);
            CheckNameLocalizations(option.NameLocalizations, slash: true, at);
            foreach (var choice in option.Choices ?? [])
            {
                CheckLocalizations(choice.NameLocalizations, MaxChoiceNameLength, $"{at}, choice '{choice.Name}'");
            }
            if (!names.Add(option.Name))
            {
                throw new CommandDeclarationException($"{at}: declared twice");
            }

            if (option.Required && optionalSeen)
            {
                throw new CommandDeclarationException($"{at}: required options must come before optional ones");
            }

            optionalSeen |= !option.Required;
            if (option.Autocomplete && option.Choices is { Count: > 0 })
            {
                throw new CommandDeclarationException($"{at}: autocomplete and choices exclude each other");
            }

            if (option.Autocomplete && option.Type is not (OptionType.String or OptionType.Integer or OptionType.Number))
            {
                throw new CommandDeclarationException($"{at}: only string, integer and number options autocomplete");
            }

            if (option.Choices is { Count: > MaxChoices })
            {
                throw new CommandDeclarationException($"{at}: {option.Choices.Count} choices; at most {MaxChoices}");
            }

            if (option.MaxLength is { } max && (option.Type != OptionType.String || max is < 1 or > MaxStringLength))
            {
                throw new CommandDeclarationException($"{at}: max_length applies to string options and must be 1-{MaxStringLength}");
            }
        }

        // Each locale's strings count against the limit in place of the default ones; the longest locale decides.
        static string In(string text, IReadOnlyDictionary<string, string>? localized, string? locale) =>
            locale is not null && localized is not null && localized.TryGetValue(locale, out var value) ? value : text;
        var locales = new[] { command.NameLocalizations, command.DescriptionLocalizations }
            .Concat(options.SelectMany(o => new[] { o.NameLocalizations, o.DescriptionLocalizations }.Concat((o.Choices ?? []).Select(c => c.NameLocalizations))))
            .SelectMany(l => l?.Keys ?? []).Distinct().Cast<string?>().Prepend(null);
        var characters = locales.Max(locale => In(command.Name, command.NameLocalizations, locale).Length
            + In(command.Description ?? string.Empty, command.DescriptionLocalizations, locale).Length
            + options.Sum(o => In(o.Name, o.NameLocalizations, locale).Length + In(o.Description, o.DescriptionLocalizations, locale).Length
                + (o.Choices?.Sum(c => In(c.Name, c.NameLocalizations, locale).Length + c.Value.Length) ?? 0)));
        if (characters > MaxCommandCharacters)
        {
            throw new CommandDeclarationException($"{where}: {characters} characters of names, descriptions and values; at most {MaxCommandCharacters}");
        }
    }

    public const int MaxChoiceNameLength = 100;

    /// <summary>Localized names follow the same rules as the name: lower-case slash names, or 1-32 characters for context menus.</summary>
    private static void CheckNameLocalizations(IReadOnlyDictionary<string, string>? localizations, bool slash, string where)
    {
        foreach (var (locale, name) in localizations ?? new Dictionary<string, string>())
        {
            if (!Locales.Contains(locale))
            {
                throw new CommandDeclarationException($"{where}: '{locale}' is not a Discord locale");
            }

            if (slash)
            {
                CheckSlashName(name, $"{where}, {locale} name");
            }
            else if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
            {
                throw new CommandDeclarationException($"{where}: the {locale} name must be 1-{MaxNameLength} characters");
            }
        }
    }

    private static void CheckSlashName(string name, string where)
    {
        if (string.IsNullOrEmpty(name) || !SlashName().IsMatch(name) || name != name.ToLowerInvariant())
        {
            throw new CommandDeclarationException($"{where}: name must be 1-{MaxNameLength} lower-case letters, digits, '-', '_' or '''");
        }
    }

    private static void CheckDescription(string? description, string where)
    {
        if (string.IsNullOrWhiteSpace(description) || description.Length > MaxDescriptionLength)
        {
            throw new CommandDeclarationException($"{where}: description must be 1-{MaxDescriptionLength} characters");
        }
    }

    private static void CheckLocalizations(IReadOnlyDictionary<string, string>? localizations, int maxLength, string where)
    {
        foreach (var (locale, text) in localizations ?? new Dictionary<string, string>())
        {
            if (!Locales.Contains(locale))
            {
                throw new CommandDeclarationException($"{where}: '{locale}' is not a Discord locale");
            }

            if (string.IsNullOrWhiteSpace(text) || text.Length > maxLength)
            {
                throw new CommandDeclarationException($"{where}: the {locale} text must be 1-{maxLength} characters");
            }
        }
    }
}
