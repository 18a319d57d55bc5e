using System.Text.Json;
using AiFactories.Bot.Knowledge;
using AiFactories.Bot.Knowledge.Answers;
using AiFactories.Bot.Rendering;

namespace AiFactories.Bot.Cli;

/// <summary>`ask [--json] "QUESTION"`; `ask --json` alone answers one question per line of standard input.</summary>
internal sealed class AskCommand : ICliCommand
{
    public string Name => "ask";

    public string Usage => "ask [--json|--explain] \"QUESTION\"  answer a question (--json and no question: one per line from standard input; --explain: how it was read)";

    public async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        var json = args.Contains("--json");
        var explain = args.Contains("--explain");
        var unknown = args.FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal) && a is not "--json" and not "--explain");
        if (unknown is not null)
        {
            throw new UsageException($"unknown option '{CommandLine.OneLine(unknown)}' for ask (--json or --explain)");
        }

        var words = args.Where(a => a is not "--json" and not "--explain").ToList();
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
        if (explain)
        {
            await context.Output.WriteLineAsync(Explain(knowledge.Reader.Read(question.Trim())));
        }

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

    private static string Explain(ParsedQuestion q)
    {
        static string List(IEnumerable<string> items) => string.Join(", ", items) is { Length: > 0 } text ? text : "-";
        return string.Join('\n',
            $"words:    {List(q.Words)}",
            $"entities: {List(q.Matches.Select(m => $"{m.Entity.Name} (by '{m.Alias}'{(m.Exact ? string.Empty : ", typo")})"))}",
            $"fields:   {List(q.Fields.Select(f => f.Name))}{(q.HasStrongCue ? string.Empty : " (question words only)")}",
            $"count:    {q.AsksCount}, list: {q.AsksList}",
            $"subject:  {List(q.SubjectWords)}",
            $"topic:    {List(q.Topic.Select(t => $"{t.Word}{(t.CorrectedFrom is null ? string.Empty : $" (from {t.CorrectedFrom})")}{(t.Known ? string.Empty : " (unknown)")} [{string.Join(' ', t.Terms)}]"))}",
            string.Empty);
    }

    private static string Serialize(AnswerJson answer) => JsonSerializer.Serialize(answer, CliJsonContext.Default.AnswerJson);
}
