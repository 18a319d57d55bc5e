using System.Globalization;

namespace AiFactories.Bot.Cli;

/// <summary>`search "TERMS"`: ranked passages with the matched words in bold.</summary>
internal sealed class SearchCommand : ICliCommand
{
    private const int MaxResults = 5;

    public string Name => "search";

    public string Usage => "search \"TERMS\"                 ranked passages with highlights";

    public async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        var terms = string.Join(' ', args);
        if (Knowledge.Answers.QuestionRules.Problem(terms, context.Knowledge.Options.MaxQuestionLength) is { } problem)
        {
            throw new UsageException(problem.Replace("question", "search", StringComparison.Ordinal));
        }

        var hits = context.Knowledge.Current.Engine.Search(terms.Trim(), MaxResults);
        if (hits.Count == 0)
        {
            await context.Output.WriteLineAsync("No passage matches.");
            return CommandLine.Ok;
        }

        var rank = 1;
        foreach (var hit in hits)
        {
            await context.Output.WriteLineAsync($"{rank++}. {hit.Passage.Source.Cite()} (score {hit.Score.ToString("0.00", CultureInfo.InvariantCulture)})");
            await context.Output.WriteLineAsync($"   {hit.HighlightedSentence}");
        }

        return CommandLine.Ok;
    }
}
