using AiFactories.Bot.Knowledge.Answers;

namespace AiFactories.Bot.Answering;

/// <summary>A question turned into an answer, or the reason it could not be asked.</summary>
/// <param name="Answer">The answer, or null when the question was refused.</param>
/// <param name="Problem">Why the question was refused.</param>
/// <param name="Kept">The answer as the answer cache keeps it, to be served again as it is; null when it is not kept.</param>
public sealed record AskOutcome(Answer? Answer, QuestionProblem? Problem, KeptAnswer? Kept = null)
{
    public static AskOutcome Refused(QuestionProblem problem) => new(null, problem);
}

/// <summary>
/// The one path from a question to an answer, for every front end: the command line's `ask`, /ask,
/// the message context menu and gateway mentions. It checks the question against the same rules
/// and asks the knowledge loaded now, in the language of the question (the asker's locale decides
/// when the text is too short to tell). A question asked again in the same locale is answered
/// from the <see cref="AnswerCache"/>.
/// </summary>
public sealed partial class QuestionAnswerer(KnowledgeProvider knowledge, Microsoft.Extensions.Logging.ILogger<QuestionAnswerer>? logger = null)
{
    private readonly AnswerCache _cache = Cache(knowledge);

    public int MaxQuestionLength => knowledge.Options.MaxQuestionLength;

    public AskOutcome Ask(string? question, string? locale = null)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (QuestionRules.Check(question, MaxQuestionLength) is { } problem)
        {
            BotMetrics.Answer("refused", knowledge.Current.LanguageOf(locale), System.Diagnostics.Stopwatch.GetElapsedTime(started));
            return AskOutcome.Refused(problem);
        }

        var text = question!.Trim();
        var current = knowledge.Current;
        var cached = _cache.TryGet(current, text, locale, out var kept);
        var answer = kept?.Answer;
        if (!cached)
        {
            answer = current.Ask(text, locale);
            kept = _cache.Add(current, text, locale, answer);
        }

        if (logger is not null)
        {
            // The question's text only at Debug: it is what people wrote.
            LogAsked(logger, text, answer!.Language, answer.Answered);
        }

        BotMetrics.Answer(answer!.Answered ? "answered" : "not_answered", answer.Language, cached ? null : System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return new AskOutcome(answer, null, kept);
    }

    private static AnswerCache Cache(KnowledgeProvider knowledge)
    {
        var cache = new AnswerCache(knowledge.Options.AnswerCacheSize);
        knowledge.Reloaded += cache.Reloaded;
        return cache;
    }

    /// <summary>The engine's reading of a question as a grouping key (see KnowledgeBase.Gist).</summary>
    public string Gist(string question, string? locale = null) => knowledge.Current.Gist(question, locale);

    /// <summary>Why a question could not be asked, in the asker's language.</summary>
    public string Explain(QuestionProblem problem, string? locale) =>
        knowledge.Current.Text(locale, problem.Key, ("length", problem.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("limit", problem.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Debug, Message = "Asked {Question} ({Language}): answered {Answered}")]
    private static partial void LogAsked(Microsoft.Extensions.Logging.ILogger logger, string question, string language, bool answered);
}
