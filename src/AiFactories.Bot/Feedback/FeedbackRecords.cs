namespace AiFactories.Bot.Feedback;

/// <summary>
/// One question the bot was asked in Discord and how it went. No user id or name: the text, its
/// language, what kind of answer it got, what the answer used, the server and the time.
/// </summary>
/// <param name="AnswerId">The answer's id, carried by its vote buttons (see VoteTokens.NewAnswerId).</param>
/// <param name="At">When it was answered.</param>
/// <param name="Question">The question as written (normalised, at most the bot's question length).</param>
/// <param name="Gist">The engine's reading of the question, for grouping similar wordings (see KnowledgeBase.Gist).</param>
/// <param name="Language">ISO 639-1 code of the reply's language.</param>
/// <param name="Kind">The answer kind: not_answered, sites, site_list, country, passage.</param>
/// <param name="Answered">Whether the corpus held an answer.</param>
/// <param name="Used">
/// The record ids and passage ids (document id and sentence) the answer used. Site and fact-sheet
/// records go in bare (<c>jean-zay</c>); passages go in with the prefix <c>passage:</c>
/// (<c>passage:ai-factories-article:section#3</c>), so the store can count the sites answers used
/// without knowing the corpus: every id without the prefix counts as a record.
/// </param>
/// <param name="GuildId">The server it was asked in; null in DMs.</param>
public sealed record AnswerEvent(
    string AnswerId,
    DateTimeOffset At,
    string Question,
    string Gist,
    string Language,
    string Kind,
    bool Answered,
    IReadOnlyList<string> Used,
    string? GuildId);

/// <summary>
/// A vote on an answer. <paramref name="Voter"/> is a keyed hash of the user and the answer, so a
/// second vote on the same answer replaces the first without the user being stored or linkable
/// across answers.
/// </summary>
/// <param name="AnswerId">The answer voted on.</param>
/// <param name="Voter">Keyed hash (hex) of user id and answer id.</param>
/// <param name="At">When the vote was cast (or last changed).</param>
/// <param name="Helpful">👍 (true) or 👎 (false).</param>
/// <param name="Kind">The answer's kind, from the button (the answer row may have been dropped).</param>
/// <param name="Language">The answer's language, from the button.</param>
/// <param name="Missing">The "what was missing" note of a 👎, plain text, at most 300 characters; null if none given.</param>
/// <param name="GuildId">The server; null in DMs.</param>
public sealed record VoteEvent(
    string AnswerId,
    string Voter,
    DateTimeOffset At,
    bool Helpful,
    string Kind,
    string Language,
    string? Missing,
    string? GuildId);

/// <summary>An unanswered question as stored, for grouping in /gaps.</summary>
public sealed record UnansweredRow(DateTimeOffset At, string Question, string Gist, string Language);

/// <summary>An answer with 👎 votes, its question and the notes left with them.</summary>
public sealed record DownvotedRow(string AnswerId, string? Question, string Kind, string Language, int Down, int Up, IReadOnlyList<string> Notes);

/// <summary>One day's counts (UTC days).</summary>
public sealed record DayRow(DateOnly Day, int Questions, int Answered, int Up, int Down);

/// <summary>What /stats shows over a period.</summary>
/// <param name="Days">Every day of the period, oldest first, including days with no questions.</param>
/// <param name="Languages">Questions per reply language, most first.</param>
/// <param name="Sites">Questions per record id used, most first (at most 10).</param>
public sealed record StatsRows(IReadOnlyList<DayRow> Days, IReadOnlyList<Tally> Languages, IReadOnlyList<Tally> Sites);

/// <summary>How many questions one language or one site had.</summary>
public sealed record Tally(string Name, int Count);

/// <summary>
/// Where feedback lives: SQLite by default, PostgreSQL for several replicas. Writes go through
/// <see cref="IFeedbackSink"/>; this is the store itself, used by the background writer and by the
/// admin views.
/// </summary>
public interface IFeedbackStore : IAsyncDisposable
{
    /// <summary>"sqlite" or "postgresql", for logs and /stats.</summary>
    string Name { get; }

    /// <summary>Creates the schema or migrates it to the current version; throws <see cref="FeedbackStoreException"/> for a file or database that is not the bot's, or a newer schema.</summary>
    Task OpenAsync(CancellationToken cancellationToken);

    Task WriteAsync(IReadOnlyList<AnswerEvent> answers, IReadOnlyList<VoteEvent> votes, CancellationToken cancellationToken);

    /// <summary>Deletes rows older than <paramref name="before"/>; returns how many.</summary>
    Task<int> DeleteBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken);

    Task<IReadOnlyList<UnansweredRow>> UnansweredAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Answers with at least one 👎 since then, most 👎 first (at most <paramref name="limit"/>).</summary>
    Task<IReadOnlyList<DownvotedRow>> DownvotedAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken);

    /// <summary>Counts per UTC day from <paramref name="since"/> to <paramref name="until"/>.</summary>
    Task<StatsRows> StatsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Every answer and vote since then, for `feedback export`.</summary>
    Task<(IReadOnlyList<AnswerEvent> Answers, IReadOnlyList<VoteEvent> Votes)> ExportAsync(DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>
/// Where the bot drops feedback while answering: never waits, never throws. A full buffer or a
/// store that is down drops the event with a log line and a metric.
/// </summary>
public interface IFeedbackSink
{
    bool Enabled { get; }

    void Record(AnswerEvent answer);

    void Record(VoteEvent vote);
}

/// <summary>The store cannot be used (not the bot's database, a newer schema, unreachable): one clear line.</summary>
public sealed class FeedbackStoreException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Worth trying again later (the database is unreachable), as opposed to a store that will never be the bot's.</summary>
    public bool Transient { get; init; }
}
