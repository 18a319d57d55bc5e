using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using AiFactories.Bot.Answering;
using AiFactories.Bot.Cli;
using AiFactories.Bot.Discord;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Feedback;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Hosting;

/// <summary>
/// Every setting of every section checked before a host is built: a value of the wrong type, out of
/// range, an unknown key in one of the bot's sections, a bad URL or log level stops the command with
/// one line naming the setting, the form it takes and where it can be set (exit code 2). Checking
/// before the host exists means no half-started server and no host log with a stack trace.
/// </summary>
public static class SettingsCheck
{
    /// <summary>Settings that are secrets: never to be written in appsettings.json.</summary>
    private static readonly HashSet<string> Secrets = new(StringComparer.OrdinalIgnoreCase) { "Discord:BotToken", "Discord:PublicKey", "Store:ConnectionString", "Store:VoteKey" };

    /// <exception cref="UsageException">A setting is wrong; the message says which and how to fix it.</exception>
    public static void Validate(IConfiguration configuration, string? urls = null)
    {
        // The bot's sections and the options each binds to; the type argument keeps their setters
        // visible to the check in a trimmed (native) build.
        CheckSection<KnowledgeOptions>(configuration.GetSection(KnowledgeOptions.Section));
        CheckSection<DiscordOptions>(configuration.GetSection(DiscordOptions.Section));
        CheckSection<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        CheckSection<HealthOptions>(configuration.GetSection(HealthOptions.Section));
        CheckSection<SecretsOptions>(configuration.GetSection(SecretsOptions.Section));
        CheckSection<StoreOptions>(configuration.GetSection(StoreOptions.Section));

        CheckLogLevels(configuration.GetSection("Logging"));
        CheckUrls("--urls", urls ?? configuration["Urls"]);
        CheckUrls("Health:Urls", configuration["Health:Urls"]);

        // Bound one by one, not through a generic helper, so the binding generator writes each binder.
        var knowledge = new KnowledgeOptions();
        configuration.GetSection(KnowledgeOptions.Section).Bind(knowledge);
        Fail(new KnowledgeOptionsValidator().Validate(null, knowledge));
        var discord = new DiscordOptions();
        configuration.GetSection(DiscordOptions.Section).Bind(discord);
        Fail(DiscordOptionsRanges.Validate(discord));
        var rateLimit = new RateLimitOptions();
        configuration.GetSection(RateLimitOptions.Section).Bind(rateLimit);
        Fail(RateLimitRanges.Validate(rateLimit));
        var store = new StoreOptions();
        configuration.GetSection(StoreOptions.Section).Bind(store);
        Fail(new StoreOptionsValidator().Validate(null, store));
    }

    private static void Fail(ValidateOptionsResult result)
    {
        if (result.Failed)
        {
            throw new UsageException(string.Join(" ", result.Failures));
        }
    }

    private static void CheckSection<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(IConfigurationSection section)
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            var key = $"{section.Key}:{child.Key}";
            if (!properties.TryGetValue(child.Key, out var property))
            {
                throw new UsageException($"unknown setting {key}; {section.Key} has {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))}{Where(key)}");
            }

            if (child.Value is null)
            {
                continue;
            }

            var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (target == typeof(string))
            {
                continue;
            }

            var form = FormOf(target);
            if (!form.Parses(child.Value.Trim()))
            {
                var shown = Secrets.Contains(key) ? "(hidden)" : $"'{CliRuntime.OneLine(child.Value)}'";
                throw new UsageException($"setting {key} = {shown} is not {form.Name}{Where(key)}");
            }
        }
    }

    /// <summary>
    /// Each type the options use: the form a refusal names and whether a value reads as it, the way the
    /// configuration binder reads it (invariant culture). A table rather than TypeDescriptor, whose
    /// converters a trimmed build may not keep; enums are read by name.
    /// </summary>
    private static readonly Dictionary<Type, SettingForm> Forms = new()
    {
        [typeof(bool)] = new("true or false", v => bool.TryParse(v, out _)),
        [typeof(int)] = new("a whole number", v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)),
        [typeof(long)] = new("a whole number", v => long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)),
        [typeof(double)] = new("a number (with a dot for decimals)", v => double.TryParse(v, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _)),
        [typeof(TimeSpan)] = new("a time span like 00:00:30", v => TimeSpan.TryParse(v, CultureInfo.InvariantCulture, out _)),
    };

    private static SettingForm FormOf(Type type) =>
        Forms.TryGetValue(type, out var form) ? form
        : type.IsEnum ? new SettingForm($"one of {string.Join(", ", Enum.GetNames(type))}", v => Enum.TryParse(type, v, ignoreCase: true, out _))
        : throw new NotSupportedException($"no check for settings of type {type.Name}");

    private sealed record SettingForm(string Name, Func<string, bool> Parses);

    /// <summary>Where a setting can be set; a secret never in a committed file.</summary>
    private static string Where(string key)
    {
        var variable = key.Replace(":", "__", StringComparison.Ordinal);
        return Secrets.Contains(key)
            ? $"; set it as the environment variable {variable}, with dotnet user-secrets, or in a secrets file ({variable} under Secrets:Path), never in a committed file"
            : $"; set it in appsettings.json beside the executable (or under --content-root), as the environment variable {variable}, or with dotnet user-secrets";
    }

    private static void CheckLogLevels(IConfigurationSection logging)
    {
        foreach (var setting in logging.AsEnumerable(makePathsRelative: false).Where(s => s.Value is not null))
        {
            var parts = setting.Key.Split(':');
            var isLevel = parts.Length >= 3 && (parts[^2].Equals("LogLevel", StringComparison.OrdinalIgnoreCase) || parts[1].Equals("LogLevel", StringComparison.OrdinalIgnoreCase));
            if (isLevel && !Enum.TryParse<LogLevel>(setting.Value, ignoreCase: true, out _))
            {
                throw new UsageException($"setting {setting.Key} = '{CliRuntime.OneLine(setting.Value!)}' is not a log level; use one of {string.Join(", ", Enum.GetNames<LogLevel>())}{Where(setting.Key)}");
            }

            if (parts is [_, "Console", "FormatterName"] && setting.Value is not ("json" or "simple" or "systemd"))
            {
                throw new UsageException($"setting {setting.Key} = '{CliRuntime.OneLine(setting.Value!)}' is not a console log format; use json, simple or systemd{Where(setting.Key)}");
            }
        }
    }

    private static void CheckUrls(string name, string? urls)
    {
        if (string.IsNullOrWhiteSpace(urls))
        {
            return;
        }

        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                var address = BindingAddress.Parse(url);
                if (address.Scheme is not ("http" or "https"))
                {
                    throw new FormatException();
                }
            }
            catch (FormatException)
            {
                throw new UsageException($"{name} '{CliRuntime.OneLine(url)}' is not a URL to listen on; use a form like http://127.0.0.1:8080 or http://+:8080 (several separated by ';')");
            }
        }
    }
}

/// <summary>Where the health and metrics listener of `gateway` listens (`serve` answers them on its own port).</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>Loopback by default: a container sets http://+:8081 to be probed from outside.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8081";

    /// <summary>Whether `gateway` opens the listener at all.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>Where secrets may also come from: one file per setting (Docker and Kubernetes secrets, systemd credentials).</summary>
public sealed class SecretsOptions
{
    public const string Section = "Secrets";

    /// <summary>A folder whose file names are setting names with "__" for ":" (Discord__BotToken); read when it exists.</summary>
    public string Path { get; set; } = "/run/secrets";
}

/// <summary>The ranges of the Discord settings, checked before anything starts.</summary>
internal static class DiscordOptionsRanges
{
    public static ValidateOptionsResult Validate(DiscordOptions options)
    {
        var failures = new List<string>();
        if (options.MaxInFlight is < 1 or > 100_000)
        {
            failures.Add($"Discord:MaxInFlight must be between 1 and 100000 (it is {options.MaxInFlight}).");
        }

        if (options.SignatureWindowSeconds is < 5 or > 3600)
        {
            failures.Add($"Discord:SignatureWindowSeconds must be between 5 and 3600 (it is {options.SignatureWindowSeconds}).");
        }

        if (options.MaxBodyBytes is < 1024 or > 64 * 1024 * 1024)
        {
            failures.Add($"Discord:MaxBodyBytes must be between 1024 and 67108864 (it is {options.MaxBodyBytes}).");
        }

        if (options.RestMaxRetries is < 0 or > 10)
        {
            failures.Add($"Discord:RestMaxRetries must be between 0 and 10 (it is {options.RestMaxRetries}).");
        }

        if (options.MentionCooldownSeconds is < 0 or > 3600 || double.IsNaN(options.MentionCooldownSeconds))
        {
            failures.Add($"Discord:MentionCooldownSeconds must be between 0 and 3600 (it is {options.MentionCooldownSeconds.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (options.Intents < 0 || options.Intents >= 1 << 26)
        {
            failures.Add($"Discord:Intents must be a gateway intents bit set such as 4609 (GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES) (it is {options.Intents}).");
        }

        if (options.ShardCount is < 1 or > 10_000)
        {
            failures.Add($"Discord:ShardCount must be between 1 and 10000 (it is {options.ShardCount}).");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || api.Scheme is not ("https" or "http"))
        {
            failures.Add($"Discord:ApiBaseUrl must be an absolute http(s) URL (it is '{options.ApiBaseUrl}').");
        }

        if (options.MentionChannels is { } channels
            && channels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(id => id.Length is < 15 or > 21 || !id.All(char.IsAsciiDigit)))
        {
            failures.Add($"Discord:MentionChannels must list channel ids separated by commas (it is '{channels}').");
        }

        if (options.ShardIds is { Length: > 0 } ids && !ids.Split(',').All(part => part.Split('-') is { Length: 1 or 2 } range && range.All(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out _))))
        {
            failures.Add($"Discord:ShardIds must list shard ids like 0,1 or 0-3 (it is '{ids}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>The ranges of the per-user rate limit settings.</summary>
internal static class RateLimitRanges
{
    public static ValidateOptionsResult Validate(RateLimitOptions options)
    {
        var failures = new List<string>();
        if (options.Burst is < 1 or > 1000)
        {
            failures.Add($"RateLimit:Burst must be between 1 and 1000 (it is {options.Burst}).");
        }

        if (options.PerPeriod is < 1 or > 1000)
        {
            failures.Add($"RateLimit:PerPeriod must be between 1 and 1000 (it is {options.PerPeriod}).");
        }

        if (options.PeriodSeconds is <= 0 or > 3600 || double.IsNaN(options.PeriodSeconds))
        {
            failures.Add($"RateLimit:PeriodSeconds must be above 0 and at most 3600 (it is {options.PeriodSeconds.ToString(CultureInfo.InvariantCulture)}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
