using AiFactories.Bot.Cli;
using AiFactories.Bot.Tests.Shared;

namespace AiFactories.Bot.Tests.Cli;

/// <summary>Runs the command line in-process with captured streams, against a chosen corpus.</summary>
internal static class CliRunner
{
    public static string RepositoryRoot => RepositoryPaths.Root;

    public static string Corpus => RepositoryPaths.Corpus;

    public static async Task<(int Exit, string Output, string Error)> RunAsync(string[] args, string input = "", string? corpus = null, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["Knowledge:CorpusPath"] = corpus ?? Corpus };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            // A null value means "leave this setting to the files and environment".
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CommandLine.RunAsync(args, new StringReader(input), output, error, settings);
        return (exit, output.ToString(), error.ToString());
    }
}
