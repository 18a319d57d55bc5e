using System.Globalization;
using AiFactories.Bot.Knowledge.Evaluation;

namespace AiFactories.Bot.Cli;

/// <summary>`eval FILE [--min PERCENT]`: scores a question set, prints each miss and the score.</summary>
internal sealed class EvalCommand : ICliCommand
{
    public string Name => "eval";

    public string Usage => "eval FILE [--min PERCENT]      score a question set (JSON lines); exit 1 below PERCENT";

    public async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        string? file = null;
        double? min = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--min")
            {
                if (i + 1 >= args.Count || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) || percent is < 0 or > 100)
                {
                    throw new UsageException("--min takes a percentage from 0 to 100");
                }

                min = percent;
                i++;
            }
            else if (file is null)
            {
                file = args[i];
            }
            else
            {
                throw new UsageException($"eval takes one FILE; unexpected '{CommandLine.OneLine(args[i])}'");
            }
        }

        if (file is null)
        {
            throw new UsageException("eval needs a FILE of questions (JSON lines)");
        }

        if (!File.Exists(file))
        {
            throw new UsageException($"question set not found: {file}");
        }

        List<EvalQuestion> questions;
        try
        {
            questions = QuestionSet.Parse(await File.ReadAllTextAsync(file), file);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }

        var knowledge = context.Knowledge.Current;
        var passed = 0;
        foreach (var question in questions)
        {
            var outcome = QuestionSet.Score(question, knowledge.Ask(question.Q), knowledge.Formatter);
            if (outcome.Passed)
            {
                passed++;
                continue;
            }

            await context.Output.WriteLineAsync($"MISS {question.Id}: {question.Q}");
            await context.Output.WriteLineAsync($"     {outcome.Miss}; answered={outcome.Answer.Answered}: {CommandLine.OneLine(outcome.Answer.Text)}");
        }

        var score = questions.Count == 0 ? 0 : 100.0 * passed / questions.Count;
        await context.Output.WriteLineAsync($"score: {passed}/{questions.Count} ({score.ToString("0.0", CultureInfo.InvariantCulture)}%)");
        return min is { } floor && score < floor ? CommandLine.Failed : CommandLine.Ok;
    }
}
