using AiFactories.Bot.Answering;
using AiFactories.Bot.Commands;
using AiFactories.Bot.Feedback;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace AiFactories.Bot.Hosting;

/// <summary>
/// What every host of the bot shares (the command line's, the gateway's, the HTTP server's): where
/// settings come from and how it logs. Each command builds exactly one host.
/// </summary>
public static class BotHost
{
    /// <summary>The configuration key of the content root (the host's own), set by `--content-root`.</summary>
    public const string ContentRootKey = "contentRoot";

    /// <summary>
    /// Where appsettings.json and a relative corpus path are read from: `--content-root` when given,
    /// otherwise the folder of the executable, which carries both (never the working directory, which a
    /// service unit or a cron job does not choose).
    /// </summary>
    public static string ContentRoot(IReadOnlyDictionary<string, string?>? settings)
    {
        if (settings?.GetValueOrDefault(ContentRootKey) is not { Length: > 0 } given)
        {
            return AppContext.BaseDirectory;
        }

        var full = Path.GetFullPath(given);
        return Directory.Exists(full)
            ? full
            : throw new Cli.UsageException($"--content-root '{Cli.CliRuntime.OneLine(given)}' is not a folder");
    }

    /// <summary>
    /// The bot's configuration sources, in order of precedence (later wins): appsettings.json in the
    /// content root, user secrets, one file per setting in Secrets:Path (Docker and Kubernetes
    /// secrets, systemd credentials), environment variables, then the command line's own settings.
    /// Every setting is then checked (<see cref="SettingsCheck"/>).
    /// </summary>
    public static void AddConfiguration(IConfigurationBuilder configuration, string contentRoot, IReadOnlyDictionary<string, string?>? settings, string? urls = null)
    {
        configuration
            .AddJsonFile(Path.Combine(contentRoot, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddUserSecrets(typeof(BotHost).Assembly, optional: true);

        // The secrets folder may itself be set by the environment or the command line.
        var secrets = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build()
            [$"{SecretsOptions.Section}:{nameof(SecretsOptions.Path)}"] ?? new SecretsOptions().Path;
        if (Directory.Exists(secrets))
        {
            configuration.AddKeyPerFile(secrets, optional: true, reloadOnChange: false);
        }

        configuration.AddEnvironmentVariables();
        if (settings is not null)
        {
            configuration.AddInMemoryCollection(settings.Where(s => s.Key != ContentRootKey));
        }

        SettingsCheck.Validate(configuration is IConfiguration built ? built : configuration.Build(), urls);
    }

    /// <summary>The category of the few lines a long-running host always logs at start (its address, its corpus).</summary>
    public const string StartupCategory = "AiFactories.Bot.Startup";

    /// <summary>
    /// A long-running host says where it listens and what it loaded even at the default level
    /// (Warning): those few lines are what an operator needs first. Settings can still silence them.
    /// </summary>
    private static void AddStartupLogging(ILoggingBuilder logging)
    {
        logging.AddFilter(StartupCategory, LogLevel.Information);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        logging.AddFilter(typeof(KnowledgeProvider).FullName, LogLevel.Information);
    }

    /// <summary>A relative corpus path is looked for under the content root.</summary>
    public static void AddContentRoot(IServiceCollection services, string contentRoot) =>
        services.PostConfigure<KnowledgeOptions>(o => o.BaseDirectory = contentRoot);

    /// <summary>Single-line console logs filtered by the "Logging" section; all of them on standard error when standard output carries results.</summary>
    public static void AddLogging(ILoggingBuilder logging, IConfiguration configuration, bool toStandardError, bool longRunning = false)
    {
        logging.ClearProviders();
        if (longRunning)
        {
            // Before the settings' rules, so that the settings can still silence these lines.
            AddStartupLogging(logging);
        }

        logging.AddConfiguration(configuration.GetSection("Logging"));

        // One line per entry by default; Logging:Console:FormatterName=json for JSON lines, and the
        // journal's format under systemd (set by AddSystemd when the service manager runs the bot).
        // (AddConsole registers the simple, json and systemd formatters; the AddXConsole helpers would
        // also fix the formatter's name and override the setting.)
        logging.AddConsole();
        logging.Services.Configure<SimpleConsoleFormatterOptions>(o => o.SingleLine = true);
        if (toStandardError)
        {
            logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }
    }

    /// <summary>
    /// What the long-running hosts (`serve`, `gateway`) share: logs for a service, systemd, the
    /// knowledge served and reloaded, the bot's commands, the feedback store and its writer, and
    /// health and metrics.
    /// </summary>
    internal static void AddServing(WebApplicationBuilder builder, string contentRoot)
    {
        AddLogging(builder.Logging, builder.Configuration, toStandardError: false, longRunning: true);
        builder.Services.AddSystemd();
        builder.Services.AddKnowledgeServing();
        AddContentRoot(builder.Services, contentRoot);
        builder.Services.AddBotCommands();
        builder.Services.AddFeedbackStore(builder.Configuration);
        builder.Services.AddBotHealthChecks();
    }

    /// <summary>
    /// The host of a one-shot command: the knowledge layer (loaded when first asked), and the Discord
    /// layer with the bot's commands when the command speaks to Discord. Logs go to standard error,
    /// warnings and up, since standard output carries answers and JSON.
    /// </summary>
    public static IHost CreateCommandHost(IReadOnlyDictionary<string, string?>? settings, bool discord, Action<IServiceCollection>? configureServices = null)
    {
        var contentRoot = ContentRoot(settings);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = contentRoot });
        AddConfiguration(builder.Configuration, contentRoot, settings);
        AddLogging(builder.Logging, builder.Configuration, toStandardError: true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddKnowledge();
        AddContentRoot(builder.Services, contentRoot);
        if (discord)
        {
            builder.Services.AddBotCommands();
            builder.Services.AddFeedbackStore(builder.Configuration, write: false);
        }

        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }
}
