using System.CommandLine;
using System.Globalization;
using AiFactories.Bot.Knowledge.Evaluation;

namespace AiFactories.Bot.Cli;

/// <summary>`eval FILE [--min PERCENT]`: scores a question set, prints each miss and the score.</summary>
internal static class EvalCli
{
    public static Command Create(CliRuntime runtime)
    {
        var file = new Argument<string?>("file") { Arity = ArgumentArity.ZeroOrOne, Description = "A question set in JSON lines (the format of tests/eval/questions.jsonl)" };
        var min = new Option<double?>("--min")
        {
            Description = "Exit with code 1 when the score is below this percentage (0-100)",
            CustomParser = result =>
            {
                if (double.TryParse(result.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and <= 100)
                {
                    return percent;
                }

                result.AddError("--min takes a percentage from 0 to 100");
                return null;
            },
        };
        var command = new Command("eval", "Score a question set: print each miss and the score") { file, min };
        command.SetAction((parsed, _) => runtime.RunAsync(discord: false, async context =>
        {
            var path = parsed.GetValue(file);
            var floor = parsed.GetValue(min);
            if (string.IsNullOrWhiteSpace(path))
            {
                throw CommandLine.Usage("eval needs a FILE of questions (JSON lines)", "eval");
            }

            if (!File.Exists(path))
            {
                throw new UsageException($"question set not found: {path}");
            }

            List<EvalQuestion> questions;
            try
            {
                questions = QuestionSet.Parse(await File.ReadAllTextAsync(path), path);
            }
            catch (FormatException e)
            {
                throw new UsageException(e.Message);
            }

            var knowledge = context.Knowledge.Current;
            var passed = 0;
            var withLanguage = 0;
            var inLanguage = 0;
            foreach (var question in questions)
            {
                var outcome = QuestionSet.Score(question, knowledge.Ask(question.Q, question.Locale));
                if (question.Lang is not null)
                {
                    withLanguage++;
                    inLanguage += outcome.InLanguage ? 1 : 0;
                    if (!outcome.InLanguage)
                    {
                        await context.Output.WriteLineAsync($"LANG {question.Id}: expected {question.Lang}, replied in {outcome.Answer.Language}: {question.Q}");
                    }
                }

                if (outcome.Passed)
                {
                    passed++;
                    continue;
                }

                await context.Output.WriteLineAsync($"MISS {question.Id}: {question.Q}");
                await context.Output.WriteLineAsync($"     {outcome.Miss}; answered={outcome.Answer.Answered}: {CliRuntime.OneLine(outcome.Answer.Text)}");
            }

            var score = questions.Count == 0 ? 0 : 100.0 * passed / questions.Count;
            if (withLanguage > 0)
            {
                await context.Output.WriteLineAsync($"language: {inLanguage}/{withLanguage} replies in the expected language ({(100.0 * inLanguage / withLanguage).ToString("0.0", CultureInfo.InvariantCulture)}%)");
            }

            await context.Output.WriteLineAsync($"score: {passed}/{questions.Count} ({score.ToString("0.0", CultureInfo.InvariantCulture)}%)");
            return floor is { } percent && score < percent ? CommandLine.Failed : CommandLine.Ok;
        }));
        return command;
    }
}
