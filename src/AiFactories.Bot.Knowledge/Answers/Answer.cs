using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Search;

namespace AiFactories.Bot.Knowledge.Answers;

public enum AnswerKind
{
    /// <summary>The corpus does not hold the answer.</summary>
    NotAnswered,

    /// <summary>From the records of the sites the question names.</summary>
    Sites,

    /// <summary>From the records of all sites, or those a filter selects.</summary>
    SiteList,

    /// <summary>About a country that hosts no site.</summary>
    Country,

    /// <summary>From the best matching passage of evidence.</summary>
    Passage,
}

/// <summary>The answer to a question: a direct answer first, then the sites and the evidence.</summary>
public sealed record Answer(
    string Question,
    bool Answered,
    AnswerKind Kind,
    string Text,
    IReadOnlyList<SiteRecord> Sites,
    IReadOnlyList<PassageHit> Passages);

/// <summary>A passage of evidence: the best sentence in it and both with the matched terms in bold.</summary>
public sealed record PassageHit(
    Passage Passage,
    string Sentence,
    string HighlightedSentence,
    string HighlightedText,
    float Score);
