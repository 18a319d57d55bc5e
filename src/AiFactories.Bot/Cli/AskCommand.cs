using System.Text.Json;
using AiFactories.Bot.Knowledge;
using AiFactories.Bot.Knowledge.Answers;
using AiFactories.Bot.Rendering;

namespace AiFactories.Bot.Cli;

/// <summary>`ask [--json] "QUESTION"`; `ask --json` alone answers one question per line of standard input.</summary>
internal sealed class AskCommand : ICliCommand
{
    public string Name => "ask";

    public string Usage => "ask [--json] \"QUESTION\"   answer a question (with --json and no question: one question per line from standard input)";

    public async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        var json = args.Contains("--json");
        var unknown = args.FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal) && a != "--json");
        if (unknown is not null)
        {
            throw new UsageException($"unknown option '{CommandLine.OneLine(unknown)}' for ask (only --json)");
        }

        var words = args.Where(a => a != "--json").ToList();
        var limit = context.Knowledge.Options.MaxQuestionLength;
        if (words.Count == 0 && json)
        {
            return await BatchAsync(context, limit);
        }

        var question = string.Join(' ', words);
        if (QuestionRules.Problem(question, limit) is { } problem)
        {
            throw new UsageException(problem);
        }

        var knowledge = context.Knowledge.Current;
        var answer = knowledge.Ask(question.Trim());
        await context.Output.WriteLineAsync(json ? Serialize(AnswerJson.From(answer)) : AnswerText.Render(answer, knowledge.Formatter));
        return CommandLine.Ok;
    }

    private static async Task<int> BatchAsync(CliContext context, int limit)
    {
        KnowledgeBase knowledge = context.Knowledge.Current;
        while (await context.Input.ReadLineAsync() is { } line)
        {
            var problem = QuestionRules.Problem(line, limit);
            var result = problem is null ? AnswerJson.From(knowledge.Ask(line.Trim())) : AnswerJson.Failure(line, problem);
            await context.Output.WriteLineAsync(Serialize(result));
        }

        return CommandLine.Ok;
    }

    private static string Serialize(AnswerJson answer) => JsonSerializer.Serialize(answer, CliJsonContext.Default.AnswerJson);
}
