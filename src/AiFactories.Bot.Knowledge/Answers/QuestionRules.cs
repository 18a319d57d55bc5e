using System.Globalization;

namespace AiFactories.Bot.Knowledge.Answers;

/// <summary>Why a question cannot be asked: the key of the message in the language files, and the English message.</summary>
public sealed record QuestionProblem(string Key, int Length, int Limit)
{
    public const string Empty = "question_empty";
    public const string TooLong = "question_too_long";

    public string Message => Key == Empty
        ? "the question is empty"
        : string.Create(CultureInfo.InvariantCulture, $"the question is {Length} characters long; the limit is {Limit}");

    public override string ToString() => Message;
}

/// <summary>What every front end checks before asking: one rule, one wording.</summary>
public static class QuestionRules
{
    /// <summary>Why the question cannot be asked, or null when it can.</summary>
    public static QuestionProblem? Check(string? question, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            return new QuestionProblem(QuestionProblem.Empty, 0, maxLength);
        }

        var length = question.Trim().Length;
        return length > maxLength ? new QuestionProblem(QuestionProblem.TooLong, length, maxLength) : null;
    }

    /// <summary>Why the question cannot be asked, in English, or null when it can.</summary>
    public static string? Problem(string? question, int maxLength) => Check(question, maxLength)?.Message;
}
