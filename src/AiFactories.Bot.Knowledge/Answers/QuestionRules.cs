namespace AiFactories.Bot.Knowledge.Answers;

/// <summary>What every front end checks before asking: one rule, one wording.</summary>
public static class QuestionRules
{
    /// <summary>Why the question cannot be asked, or null when it can.</summary>
    public static string? Problem(string? question, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            return "the question is empty";
        }

        var length = question.Trim().Length;
        return length > maxLength
            ? $"the question is {length} characters long; the limit is {maxLength}"
            : null;
    }
}
