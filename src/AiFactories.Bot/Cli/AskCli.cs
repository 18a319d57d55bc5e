using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using AiFactories.Bot.Rendering;

namespace AiFactories.Bot.Cli;

/// <summary>`ask [--json|--explain] QUESTION`; `ask --json` alone answers one question per line of standard input.</summary>
internal static class AskCli
{
    public static Command Create(CliRuntime runtime)
    {
        var json = new Option<bool>("--json") { Description = "Write one JSON object (question, answered, kind, answer, sites, passages); without a question, one per line of standard input" };
        var explain = new Option<bool>("--explain") { Description = "Show how the question was read before the answer" };
        var locale = new Option<string?>("--locale") { Description = "The asker's Discord locale (fr, de, es-ES, pt-BR...); by default the language is told from the question" };
        locale.Validators.Add(result =>
        {
            // Discord's locales (also those of languages the bot does not answer in, which get English), or an ISO 639-1 code.
            if (result.GetValueOrDefault<string?>() is { } value && !Discord.Interactions.CommandValidation.Locales.Contains(value)
                && !Discord.Interactions.CommandValidation.Locales.Any(l => l.StartsWith(value + "-", StringComparison.Ordinal)))
            {
                result.AddError($"'{CliRuntime.OneLine(value)}' is not a Discord locale; use one of {string.Join(", ", Discord.Interactions.CommandValidation.Locales.Order(StringComparer.Ordinal))}");
            }
        });
        var words = new Argument<string[]>("question") { Arity = ArgumentArity.ZeroOrMore, Description = "The question, in any main EU language (quotes optional)" };
        var command = new Command("ask", "Answer a question the way the bot answers it in Discord, in the question's language") { json, explain, locale, words };
        command.SetAction((parsed, _) => runtime.RunAsync(discord: false, context =>
        {
            var question = QuestionWords(parsed, words, "ask");
            return question.Count == 0 && parsed.GetValue(json)
                ? BatchAsync(context, parsed.GetValue(locale))
                : AskAsync(context, string.Join(' ', question), parsed.GetValue(locale), parsed.GetValue(json), parsed.GetValue(explain));
        }));
        return command;
    }

    /// <summary>The words of a free-text argument; a word that looks like an option is refused, unless it follows "--".</summary>
    internal static IReadOnlyList<string> QuestionWords(ParseResult parsed, Argument<string[]> words, string command)
    {
        var values = parsed.GetValue(words) ?? [];
        var literal = parsed.Tokens.Any(t => t.Type == TokenType.DoubleDash);
        if (!literal && values.FirstOrDefault(w => w.StartsWith("--", StringComparison.Ordinal)) is { } option)
        {
            throw CommandLine.Usage($"unknown option '{CliRuntime.OneLine(option)}' for {command}", command);
        }

        return values;
    }

    private static async Task<int> AskAsync(CliContext context, string question, string? locale, bool json, bool explain)
    {
        var outcome = context.Answerer.Ask(question, locale);
        if (outcome.Answer is not { } answer)
        {
            throw new UsageException(outcome.Problem!.Message);
        }

        if (explain)
        {
            await context.Output.WriteLineAsync(context.Knowledge.Current.Explain(question.Trim(), locale));
        }

        await context.Output.WriteLineAsync(json ? Serialize(AnswerJson.From(answer)) : TerminalRenderer.Render(answer));
        return CommandLine.Ok;
    }

    /// <summary>One question per line: plain text, or a JSON object {"question": "...", "locale": "fr"}.</summary>
    private static async Task<int> BatchAsync(CliContext context, string? defaultLocale)
    {
        while (await context.Input.ReadLineAsync() is { } line)
        {
            AnswerJson result;
            if (BatchLine.Read(line) is { Error: { } error })
            {
                result = AnswerJson.Failure(line, error);
            }
            else
            {
                var (question, locale, _) = BatchLine.Read(line);
                var outcome = context.Answerer.Ask(question, locale ?? defaultLocale);
                result = outcome.Answer is { } answer ? AnswerJson.From(answer) : AnswerJson.Failure(question ?? line, outcome.Problem!.Message);
            }

            await context.Output.WriteLineAsync(Serialize(result));
        }

        return CommandLine.Ok;
    }

    private static string Serialize(AnswerJson answer) => JsonSerializer.Serialize(answer, CliJsonContext.Readable.AnswerJson);
}
