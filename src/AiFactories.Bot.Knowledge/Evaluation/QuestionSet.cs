using System.Text.Json;
using AiFactories.Bot.Knowledge.Answers;
using AiFactories.Bot.Knowledge.Text;

namespace AiFactories.Bot.Knowledge.Evaluation;

/// <summary>A question of a question set: see shared eval README for the format.</summary>
public sealed record EvalQuestion(string Id, string Q, bool Answerable, IReadOnlyList<IReadOnlyList<string>> Expect)
{
    /// <summary>The asker's Discord locale, if the set gives one.</summary>
    public string? Locale { get; init; }

    /// <summary>The language the reply must be in (ISO 639-1), if the set gives one.</summary>
    public string? Lang { get; init; }
}

/// <summary>The outcome of one question: whether it passed and, when not, why; and whether the reply is in the expected language.</summary>
public sealed record EvalOutcome(EvalQuestion Question, Answer Answer, bool Passed, string? Miss)
{
    /// <summary>Whether the reply is in the language the set expects (true when the set does not say).</summary>
    public bool InLanguage => Question.Lang is null || string.Equals(Question.Lang, Answer.Language, StringComparison.OrdinalIgnoreCase);
}

public static class QuestionSet
{
    /// <summary>Reads a JSON-lines question set; throws <see cref="FormatException"/> naming the line.</summary>
    public static List<EvalQuestion> Parse(string text, string name)
    {
        var questions = new List<EvalQuestion>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                var expect = new List<IReadOnlyList<string>>();
                if (root.TryGetProperty("expect", out var groups))
                {
                    foreach (var group in groups.EnumerateArray())
                    {
                        expect.Add(group.EnumerateArray().Select(a => a.GetString() ?? string.Empty).ToList());
                    }
                }

                questions.Add(new EvalQuestion(
                    root.GetProperty("id").GetString() ?? $"line {lineNumber}",
                    root.GetProperty("q").GetString() ?? string.Empty,
                    root.GetProperty("answerable").GetBoolean(),
                    expect)
                {
                    Locale = root.TryGetProperty("locale", out var locale) && locale.ValueKind == JsonValueKind.String ? locale.GetString() : null,
                    Lang = root.TryGetProperty("lang", out var lang) && lang.ValueKind == JsonValueKind.String ? lang.GetString() : null,
                });
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new FormatException($"{name}:{lineNumber}: not a question in the eval format ({e.Message})", e);
            }
        }

        return questions;
    }

    /// <summary>
    /// Scores an answer by the set's rule: an unanswerable question must be answered "not answered";
    /// an answerable one must be answered with every expected group found in what the user sees first
    /// (the answer, the site cards, the top passage), ignoring case and accents.
    /// </summary>
    public static EvalOutcome Score(EvalQuestion question, Answer answer)
    {
        if (!question.Answerable)
        {
            return new EvalOutcome(question, answer, !answer.Answered, answer.Answered ? "answered a question the corpus cannot answer" : null);
        }

        if (!answer.Answered)
        {
            return new EvalOutcome(question, answer, false, "said it could not answer");
        }

        var seen = TextFolding.ForComparison(SeenFirst(answer));
        var missing = question.Expect
            .Where(group => !group.Any(alternative => seen.Contains(TextFolding.ForComparison(alternative), StringComparison.Ordinal)))
            .Select(group => string.Join(" | ", group))
            .ToList();
        return new EvalOutcome(question, answer, missing.Count == 0, missing.Count == 0 ? null : "missing " + string.Join("; ", missing.Select(m => $"[{m}]")));
    }

    /// <summary>What a user sees first: the answer text, the site cards, the top passage.</summary>
    public static string SeenFirst(Answer answer)
    {
        var parts = new List<string> { answer.Text };
        foreach (var card in answer.Cards)
        {
            parts.Add(card.Title);
            parts.AddRange(card.Fields.Select(field => $"{field.Label}: {field.Value}"));
        }

        if (answer.Passages.Count > 0)
        {
            parts.Add(answer.Passages[0].Passage.Text);
        }

        return string.Join("\n", parts);
    }
}
