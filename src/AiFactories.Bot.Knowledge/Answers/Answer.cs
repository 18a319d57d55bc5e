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

/// <summary>
/// The answer to a question, ready to render: the direct answer first, then the evidence with its
/// source, then a card for each site it is about. <see cref="Sites"/> are the records themselves.
/// </summary>
public sealed record Answer(
    string Question,
    bool Answered,
    AnswerKind Kind,
    string Text,
    IReadOnlyList<SiteRecord> Sites,
    IReadOnlyList<PassageHit> Passages,
    IReadOnlyList<SiteCard> Cards)
{
    /// <summary>The top passage: the evidence shown under the answer.</summary>
    public PassageHit? Evidence => Answered && Passages.Count > 0 ? Passages[0] : null;
}

/// <summary>A site as a reader sees it: a title and labelled values, each with its record field's key.</summary>
public sealed record SiteCard(string SiteId, string Title, IReadOnlyList<CardField> Fields)
{
    /// <summary>The fields except those with the given keys (for example the place, when the title says it).</summary>
    public IEnumerable<CardField> Without(params string[] keys) => Fields.Where(f => !keys.Contains(f.Key));
}

/// <summary>One line of a card: the record field's key, its label, its value as a reader sees it and the raw items of a list field.</summary>
public sealed record CardField(string Key, string Label, string Value, IReadOnlyList<string> Items);
