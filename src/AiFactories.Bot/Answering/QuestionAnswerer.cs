using AiFactories.Bot.Knowledge.Answers;

namespace AiFactories.Bot.Answering;

/// <summary>A question turned into an answer, or the reason it could not be asked.</summary>
public sealed record AskOutcome(Answer? Answer, string? Problem)
{
    public static AskOutcome Refused(string problem) => new(null, problem);
}

/// <summary>
/// The one path from a question to an answer, for every front end: the command line's `ask`, /ask,
/// the message context menu and gateway mentions. It checks the question against the same rules
/// and asks the knowledge loaded now.
/// </summary>
public sealed class QuestionAnswerer(KnowledgeProvider knowledge)
{
    public int MaxQuestionLength => knowledge.Options.MaxQuestionLength;

    public AskOutcome Ask(string? question)
    {
        if (QuestionRules.Problem(question, MaxQuestionLength) is { } problem)
        {
            return AskOutcome.Refused(problem);
        }

        return new AskOutcome(knowledge.Current.Ask(question!.Trim()), null);
    }
}
