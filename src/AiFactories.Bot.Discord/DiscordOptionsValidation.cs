using AiFactories.Bot.Discord.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Discord;

/// <summary>Settings a host cannot run without (serve needs the public key, gateway the token).</summary>
public sealed record RequiredDiscordSettings(IReadOnlyList<string> Names);

/// <summary>
/// Checks at start that the settings this host needs are there and well formed; each failure names
/// the setting and where secrets may be set (never a committed file).
/// </summary>
internal sealed class DiscordOptionsValidator(IEnumerable<RequiredDiscordSettings> required) : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        var failures = DiscordSettingsCheck.Problems(options, required.SelectMany(r => r.Names).Distinct(StringComparer.Ordinal).ToArray());
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Whether the Discord settings a command needs are there and well formed.</summary>
public static class DiscordSettingsCheck
{
    /// <summary>One message per problem, each naming the setting and where secrets may be set (never a committed file).</summary>
    public static IReadOnlyList<string> Problems(DiscordOptions options, params string[] names)
    {
        var failures = new List<string>();
        var missing = options.Missing(names);
        if (missing.Count > 0)
        {
            var many = missing.Count > 1;
            failures.Add($"missing setting{(many ? "s" : string.Empty)} {string.Join(" and ", missing)}: set {(many ? "them" : "it")} as {(many ? "environment variables" : "an environment variable")} ({string.Join(", ", missing.Select(m => m.Replace(":", "__", StringComparison.Ordinal)))}), with dotnet user-secrets, or in a secrets file; never in a committed file");
        }

        if (names.Contains(nameof(DiscordOptions.PublicKey)) && !string.IsNullOrWhiteSpace(options.PublicKey))
        {
            try
            {
                _ = new SignatureVerifier(options.PublicKey, TimeSpan.FromSeconds(options.SignatureWindowSeconds), TimeProvider.System);
            }
            catch (FormatException e)
            {
                failures.Add($"{DiscordOptions.Section}:PublicKey: {e.Message}");
            }
        }

        return failures;
    }
}

public static class DiscordOptionsValidationExtensions
{
    /// <summary>Makes the host refuse to start, naming the setting, when one of these Discord settings is missing or malformed.</summary>
    public static IServiceCollection RequireDiscordSettings(this IServiceCollection services, params string[] names)
    {
        services.AddSingleton(new RequiredDiscordSettings(names));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>());
        services.AddOptions<DiscordOptions>().ValidateOnStart();
        return services;
    }
}
