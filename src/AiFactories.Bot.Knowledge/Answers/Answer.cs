using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Search;

namespace AiFactories.Bot.Knowledge.Answers;

public enum AnswerKind
{
    /// <summary>The corpus does not hold the answer (or the question is in a language the bot does not read).</summary>
    NotAnswered,

    /// <summary>From the records of the sites the question names.</summary>
    Sites,

    /// <summary>From the records of all sites, or those a filter selects.</summary>
    SiteList,

    /// <summary>About a country: its sites, or that it has none, with its timeline.</summary>
    Country,

    /// <summary>From the best matching passage of evidence.</summary>
    Passage,
}

/// <summary>
/// The answer to a question, ready to render: the direct answer first (one statement a line, each
/// citing where it comes from), then the evidence with its source, then a card for each site it is
/// about, all in the asker's language; <see cref="Sites"/> are the records themselves.
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
    /// <summary>The ISO 639-1 code of the language the answer is written in.</summary>
    public string Language { get; init; } = LanguageCatalog.English;

    /// <summary>The direct answer, a statement at a time, each with the index of its citation.</summary>
    public IReadOnlyList<Statement> Statements { get; init; } = [];

    /// <summary>Where the statements come from: records with their sources, passages with theirs.</summary>
    public IReadOnlyList<Citation> Citations { get; init; } = [];

    /// <summary>The date the corpus's knowledge runs to.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>The bot's own words in the answer's language (labels such as "Evidence" and "Sources").</summary>
    public IReadOnlyDictionary<string, string> Ui { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The question as the engine read it, reduced to a key that rewordings share (see
    /// <see cref="KnowledgeBase.Gist"/>); made when first asked for, so answering pays nothing for it.
    /// </summary>
    public string Gist => _gist ??= Reading?.Gist() ?? string.Empty;

    /// <summary>How the question was read, kept for <see cref="Gist"/>.</summary>
    internal Reading.ParsedQuestion? Reading { get; init; }

    private string? _gist;

    /// <summary>The top passage: the evidence shown under the answer.</summary>
    public PassageHit? Evidence => Answered && Passages.Count > 0 ? Passages[0] : null;

    /// <summary>A word of the bot's own, in the answer's language.</summary>
    public string Say(string key) => Ui.TryGetValue(key, out var text) ? text : key;
}

/// <summary>One statement of an answer and the index (in <see cref="Answer.Citations"/>) of where it comes from.</summary>
public sealed record Statement(string Text, int? Citation);

/// <summary>
/// Where a statement comes from: a site record (with the record's own sources), a passage of a
/// document or a fact sheet entry (with its title, date and language).
/// </summary>
public sealed record Citation(string Title, IReadOnlyList<string> Sources, string? Language, string? Date);

/// <summary>A site as a reader sees it: a title and labelled values, each with its record field's key.</summary>
public sealed record SiteCard(string SiteId, string Title, IReadOnlyList<CardField> Fields)
{
    /// <summary>The fields except those with the given keys (for example the place, when the title says it).</summary>
    public IEnumerable<CardField> Without(params string[] keys) => Fields.Where(f => !keys.Contains(f.Key));
}

/// <summary>One line of a card: the record field's key, its label, its value as a reader sees it and the raw items of a list field.</summary>
public sealed record CardField(string Key, string Label, string Value, IReadOnlyList<string> Items);
