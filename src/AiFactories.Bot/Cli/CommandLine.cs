using AiFactories.Bot.Commands;
using AiFactories.Bot.Hosting;
using AiFactories.Bot.Knowledge.Corpus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Cli;

/// <summary>A user's mistake on the command line: a one-line message and exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>What a command gets: the knowledge, the options and the three standard streams.</summary>
public sealed record CliContext(
    KnowledgeProvider Knowledge,
    TextReader Input,
    TextWriter Output,
    TextWriter Error,
    IServiceProvider Services,
    IReadOnlyDictionary<string, string?>? Overrides);

public interface ICliCommand
{
    string Name { get; }

    /// <summary>Whether the command needs the Discord layer in its host (the answering commands do not, and start faster).</summary>
    bool NeedsDiscord => false;

    string Usage { get; }

    Task<int> RunAsync(CliContext context, IReadOnlyList<string> args);
}

/// <summary>
/// The command line: one Generic Host per run (configuration, options validated at start, the
/// knowledge layer), then the command. Users get one-line errors and exit code 2, never a stack trace.
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    private static readonly ICliCommand[] Commands =
    [
        new AskCommand(), new SitesCommand(), new SiteCommand(), new SearchCommand(), new IndexCommand(), new EvalCommand(),
        new ServeCommand(), new RegisterCommand(), new GatewayCommand(), new BenchCommand(),
    ];

    public static async Task<int> RunAsync(
        string[] args,
        TextReader input,
        TextWriter output,
        TextWriter error,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            WriteUsage(args.Length == 0 ? error : output);
            return args.Length == 0 ? UsageError : Ok;
        }

        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            await error.WriteLineAsync($"error: unknown command '{OneLine(args[0])}'; commands: {string.Join(", ", Commands.Select(c => c.Name))} (see --help)");
            return UsageError;
        }

        using var host = BuildHost(settings, command.NeedsDiscord);
        try
        {
            await host.StartAsync();
        }
        catch (OptionsValidationException e)
        {
            await error.WriteLineAsync("error: invalid settings: " + string.Join(" ", e.Failures));
            return UsageError;
        }

        try
        {
            var context = new CliContext(host.Services.GetRequiredService<KnowledgeProvider>(), input, output, error, host.Services, settings);
            return await command.RunAsync(context, args.Skip(1).ToList());
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return UsageError;
        }
        catch (CorpusException e)
        {
            await error.WriteLineAsync($"error: the corpus cannot be loaded: {OneLine(e.Message)}");
            return UsageError;
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"error: {OneLine(e.Message)}");
            return Failed;
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static IHost BuildHost(IReadOnlyDictionary<string, string?>? settings, bool discord)
    {
        // Standard output carries answers and JSON, so logs go to standard error, warnings and up.
        var builder = BotHost.CreateBuilder(settings, discord, logToStandardError: true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        return builder.Build();
    }

    internal static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length > 300 ? line[..300] + "…" : line;
    }

    private static void WriteUsage(TextWriter writer)
    {
        writer.WriteLine("AiFactories.Bot: answers questions about the EU's first seven AI Factories.");
        writer.WriteLine();
        writer.WriteLine("usage: dotnet run --project src/AiFactories.Bot -- <command>");
        foreach (var command in Commands)
        {
            writer.WriteLine($"  {command.Usage}");
        }
    }
}
