using AiFactories.Bot.Knowledge.Answers;
using AiFactories.Bot.Knowledge.Search;

namespace AiFactories.Bot.Feedback;

/// <summary>How answers are named in the feedback store.</summary>
public static class FeedbackKinds
{
    /// <summary>The prefix that tells a passage id from a record id in <see cref="AnswerEvent.Used"/>.</summary>
    public const string PassagePrefix = "passage:";

    /// <summary>The stored name of an answer kind (one of <see cref="VoteTokens.Kinds"/>).</summary>
    public static string Of(AnswerKind kind) => kind switch
    {
        AnswerKind.Sites => "sites",
        AnswerKind.SiteList => "site_list",
        AnswerKind.Country => "country",
        AnswerKind.Passage => "passage",
        _ => "not_answered",
    };

    /// <summary>A passage as stored: "passage:" + document id + "#" + its ordinal.</summary>
    public static string PassageId(Passage passage) => $"{PassagePrefix}{passage.Source.Id}#{passage.Ordinal}";
}
