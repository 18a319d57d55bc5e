using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Reflection;

namespace AiFactories.Bot.Cli;

/// <summary>
/// The command line, on System.CommandLine: `--help` for the tool and each command, `--version`,
/// `--option value` and `--option=value`. Bad usage gets one line naming the problem and a pointer to
/// `--help`, and exit code 2.
/// </summary>
public static class CommandLine
{
    public const int Ok = CliRuntime.Ok;
    public const int Failed = CliRuntime.Failed;
    public const int UsageError = CliRuntime.UsageError;

    /// <summary>The bot's informational version, as `--version` prints it and the Discord User-Agent carries it.</summary>
    public static string Version { get; } =
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static async Task<int> RunAsync(
        string[] args,
        TextReader input,
        TextWriter output,
        TextWriter error,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var runtime = new CliRuntime(input, output, error, settings);
        var root = Build(runtime);
        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (args.Length == 0)
        {
            await root.Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = error, Error = error });
            return UsageError;
        }

        if (args[0] == "help")
        {
            return await root.Parse(["--help"]).InvokeAsync(invocation);
        }

        var commands = root.Subcommands.Select(c => c.Name).ToList();
        if (!args[0].StartsWith('-') && !commands.Contains(args[0]))
        {
            await error.WriteLineAsync($"error: unknown command '{CliRuntime.OneLine(args[0])}'; commands: {string.Join(", ", commands)} (see --help)");
            return UsageError;
        }

        var parsed = root.Parse(args);
        if (parsed.GetValue<string?>(ContentRootOption) is { Length: > 0 } contentRoot)
        {
            runtime.UseContentRoot(contentRoot);
        }

        if (parsed.Errors.Count > 0)
        {
            var command = parsed.CommandResult.Command;
            var help = command == root ? "--help" : $"{command.Name} --help";
            await error.WriteLineAsync($"error: {CliRuntime.OneLine(parsed.Errors[0].Message)} (see {help})");
            return UsageError;
        }

        return await parsed.InvokeAsync(invocation);
    }

    private const string ContentRootOption = "--content-root";

    /// <summary>The tool's name in help, whatever process runs it (tests run it inside their host).</summary>
    public const string ToolName = "aifactories-bot";

    private static Command Build(CliRuntime runtime)
    {
        var root = new Command(ToolName, "AiFactories.Bot: answers questions about the EU's AI Factories from its sources, on the command line as in Discord.")
        {
            new HelpOption(),
            new VersionOption { Action = new PrintVersion() },
            new Option<string?>(ContentRootOption) { Description = "Where appsettings.json and a relative corpus path are read from (default: the executable's folder)", Recursive = true },
        };
        foreach (var command in new[]
        {
            AskCli.Create(runtime),
            LookupCli.Sites(runtime),
            LookupCli.Site(runtime),
            LookupCli.Search(runtime),
            LookupCli.Sources(runtime),
            LookupCli.Index(runtime),
            ImportCli.Create(runtime),
            EvalCli.Create(runtime),
            DiscordCli.Serve(runtime),
            DiscordCli.Register(runtime),
            DiscordCli.Gateway(runtime),
            HealthCli.Create(),
            FeedbackCli.Gaps(runtime),
            FeedbackCli.Stats(runtime),
            FeedbackCli.Feedback(runtime),
        })
        {
            root.Add(command);
        }

        return root;
    }

    /// <summary>A usage problem the parser cannot see (a value out of range, a word that looks like an option).</summary>
    internal static UsageException Usage(string problem, string command) => new($"{problem} (see {command} --help)");

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return Ok;
        }
    }
}
