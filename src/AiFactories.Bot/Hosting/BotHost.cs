using AiFactories.Bot.Answering;
using AiFactories.Bot.Commands;
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
    /// <summary>Where appsettings.json is read from: the working directory if it has one, else beside the executable.</summary>
    public static string ContentRoot
    {
        get
        {
            var workingDirectory = Directory.GetCurrentDirectory();
            return File.Exists(Path.Combine(workingDirectory, "appsettings.json")) ? workingDirectory : AppContext.BaseDirectory;
        }
    }

    /// <summary>The bot's configuration sources, in order of precedence (later wins).</summary>
    public static void AddConfiguration(IConfigurationBuilder configuration, string contentRoot, IReadOnlyDictionary<string, string?>? settings)
    {
        configuration
            .AddJsonFile(Path.Combine(contentRoot, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddUserSecrets(typeof(BotHost).Assembly, optional: true)
            .AddEnvironmentVariables();
        if (settings is not null)
        {
            configuration.AddInMemoryCollection(settings);
        }
    }

    /// <summary>Single-line console logs filtered by the "Logging" section; all of them on standard error when standard output carries results.</summary>
    public static void AddLogging(ILoggingBuilder logging, IConfiguration configuration, bool toStandardError)
    {
        logging.ClearProviders();
        logging.AddConfiguration(configuration.GetSection("Logging"));
        logging.AddSimpleConsole(o => o.SingleLine = true);
        if (toStandardError)
        {
            logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }
    }

    /// <summary>
    /// The host of a one-shot command: the knowledge layer (loaded when first asked), and the Discord
    /// layer with the bot's commands when the command speaks to Discord. Logs go to standard error,
    /// warnings and up, since standard output carries answers and JSON.
    /// </summary>
    public static IHost CreateCommandHost(IReadOnlyDictionary<string, string?>? settings, bool discord, Action<IServiceCollection>? configureServices = null)
    {
        var contentRoot = ContentRoot;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = contentRoot });
        AddConfiguration(builder.Configuration, contentRoot, settings);
        AddLogging(builder.Logging, builder.Configuration, toStandardError: true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddKnowledge();
        if (discord)
        {
            builder.Services.AddBotCommands();
        }

        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }
}
