using AiFactories.Bot.Answering;
using AiFactories.Bot.Hosting;
using AiFactories.Bot.Knowledge.Corpus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Cli;

/// <summary>A user's mistake on the command line: a one-line message and exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>What a one-shot command gets: its host's services and the three standard streams.</summary>
public sealed record CliContext(IServiceProvider Services, TextReader Input, TextWriter Output, TextWriter Error)
{
    public KnowledgeProvider Knowledge => Services.GetRequiredService<KnowledgeProvider>();

    public QuestionAnswerer Answerer => Services.GetRequiredService<QuestionAnswerer>();
}

/// <summary>
/// Runs a command in exactly one host: a one-shot host for the answering and registering commands,
/// or the long-running host of `serve` and `gateway`. Whatever goes wrong reaches the user as one
/// line and an exit code (0 ok, 1 failed or below a threshold, 2 bad input or settings), never a stack trace.
/// </summary>
public sealed class CliRuntime(TextReader input, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? settings)
{
    private IReadOnlyDictionary<string, string?>? _settings = settings;

    public const int Ok = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    public TextWriter Output => output;

    public TextWriter Error => error;

    public IReadOnlyDictionary<string, string?>? Settings => _settings;

    /// <summary>`--content-root`: where appsettings.json and a relative corpus path are read from.</summary>
    public void UseContentRoot(string path)
    {
        var merged = new Dictionary<string, string?>(_settings ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase)
        {
            [BotHost.ContentRootKey] = path,
        };
        _settings = merged;
    }

    /// <summary>Runs a one-shot command in a host with the knowledge layer (and the Discord layer when asked for).</summary>
    public async Task<int> RunAsync(bool discord, Func<CliContext, Task<int>> command)
    {
        IHost host;
        try
        {
            host = BotHost.CreateCommandHost(_settings, discord);
        }
        catch (Exception e) when (Explain(e) is { } reason)
        {
            await error.WriteLineAsync($"error: {reason.Message}");
            return reason.Exit;
        }

        using var disposable = host;
        if (host.Services.GetService<KnowledgeProvider>() is { } knowledge)
        {
            knowledge.LoadsOnce = true;
        }

        if (await StartAsync(host) is { } failed)
        {
            return failed;
        }

        try
        {
            return await command(new CliContext(host.Services, input, output, error));
        }
        catch (Exception e) when (Explain(e) is { } reason)
        {
            await error.WriteLineAsync($"error: {reason.Message}");
            return reason.Exit;
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>Builds and runs a long-running host until it is stopped; <paramref name="afterStop"/> gives the exit code.</summary>
    public async Task<int> ServeAsync(Func<IHost> create, Func<IServiceProvider, Task<int>>? afterStop = null)
    {
        IHost host;
        try
        {
            host = create();
        }
        catch (Exception e) when (Explain(e) is { } reason)
        {
            await error.WriteLineAsync($"error: {reason.Message}");
            return reason.Exit;
        }

        using (host)
        {
            if (await StartAsync(host) is { } failed)
            {
                return failed;
            }

            await host.WaitForShutdownAsync();
            return afterStop is null ? Ok : await afterStop(host.Services);
        }
    }

    /// <summary>Starts a host; on failure writes the one line that says why and returns the exit code.</summary>
    private async Task<int?> StartAsync(IHost host)
    {
        try
        {
            await host.StartAsync();
            return null;
        }
        catch (Exception e) when (Explain(e) is { } reason)
        {
            await error.WriteLineAsync($"error: {reason.Message}");
            return reason.Exit;
        }
    }

    /// <summary>What a user is told about an exception, and the exit code; null for a bug, which is not hidden.</summary>
    private static (string Message, int Exit)? Explain(Exception e) => e switch
    {
        UsageException usage => (usage.Message, UsageError),
        OptionsValidationException invalid => (OneLine(string.Join(" ", invalid.Failures)), UsageError),
        CorpusException corpus => ($"the corpus cannot be loaded: {OneLine(corpus.Message)}", UsageError),
        IOException io => (OneLine(io.Message), Failed),
        _ => null,
    };

    public static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
