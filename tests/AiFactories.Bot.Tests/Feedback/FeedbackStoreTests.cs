using AiFactories.Bot.Feedback;

namespace AiFactories.Bot.Tests.Feedback;

/// <summary>
/// What every feedback store does, run against SQLite (<see cref="SqliteFeedbackStoreTests"/>) and
/// PostgreSQL (<see cref="PostgresFeedbackStoreTests"/>). Each test gets an empty store of its own.
/// </summary>
public abstract class FeedbackStoreTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Noon = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly List<IFeedbackStore> _stores = [];

    /// <summary>A new store object over this test's (initially empty) database, not yet opened.</summary>
    protected abstract IFeedbackStore NewStore();

    /// <summary>Runs SQL directly on this test's database, as another program or an older bot would.</summary>
    protected abstract Task ExecuteAsync(string sql);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    protected async Task<IFeedbackStore> OpenAsync()
    {
        var store = NewStore();
        _stores.Add(store);
        await store.OpenAsync(CancellationToken.None);
        return store;
    }

    protected static AnswerEvent Answer(string id, DateTimeOffset at, bool answered = true, string language = "en", string question = "Where is Kajaani?", params string[] used) =>
        new(id, at, question, "where kajaani", language, answered ? "sites" : "not_answered", answered, used, "1100000000000000001");

    protected static VoteEvent Vote(string answerId, string voter, DateTimeOffset at, bool helpful, string? missing = null) =>
        new(answerId, voter, at, helpful, "sites", "en", missing, null);

    [SkippableFact]
    public async Task ReadsBackWhatItWroteInTheExport()
    {
        var store = await OpenAsync();
        var answer = Answer("AAAAAAAAAAA", Noon, used: ["jean-zay", "passage:ai-factories-article:intro#2"]);
        var vote = Vote("AAAAAAAAAAA", "ab12", Noon.AddMinutes(1), helpful: false, missing: "the dates");

        await store.WriteAsync([answer], [vote], CancellationToken.None);
        var (answers, votes) = await store.ExportAsync(Noon.AddDays(-1), CancellationToken.None);

        var read = Assert.Single(answers);
        Assert.Equal(answer with { Used = [] }, read with { Used = [] });
        Assert.Equal(answer.Used, read.Used);
        Assert.Equal(vote, Assert.Single(votes));
        Assert.Empty((await store.ExportAsync(Noon.AddHours(1), CancellationToken.None)).Answers);
    }

    [SkippableFact]
    public async Task ABatchKeepsEachRowsOwnValuesWhereNullAndValueAlternate()
    {
        // One command per statement is run again for every row of a batch: a row's null (a DM's
        // guild, a vote without a note) must not stick to the next row, nor a value to the next null.
        var store = await OpenAsync();
        var answers = Enumerable.Range(0, 6)
            .Select(i => Answer($"B{i:0000000000}", Noon.AddSeconds(i), answered: i % 3 != 0, question: $"Question {i}?") with { GuildId = i % 2 == 0 ? null : $"guild{i}" })
            .ToList();
        var votes = Enumerable.Range(0, 6)
            .Select(i => Vote($"B{i:0000000000}", $"voter{i}", Noon.AddMinutes(1 + i), helpful: i % 2 == 0, missing: i % 2 == 0 ? null : $"note {i}") with { GuildId = i % 3 == 0 ? $"guild{i}" : null })
            .ToList();

        await store.WriteAsync(answers, votes, CancellationToken.None);
        var (readAnswers, readVotes) = await store.ExportAsync(Noon.AddDays(-1), CancellationToken.None);

        Assert.Equal(answers.Select(a => (a.AnswerId, a.Question, a.Answered, a.GuildId)), readAnswers.OrderBy(a => a.AnswerId, StringComparer.Ordinal).Select(a => (a.AnswerId, a.Question, a.Answered, a.GuildId)));
        Assert.Equal(votes, readVotes.OrderBy(v => v.AnswerId, StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task ASecondVoteOfTheSameVoterReplacesTheFirst()
    {
        var store = await OpenAsync();
        await store.WriteAsync([Answer("A1", Noon)], [Vote("A1", "voter-1", Noon, helpful: false), Vote("A1", "voter-2", Noon, helpful: false)], CancellationToken.None);

        await store.WriteAsync([], [Vote("A1", "voter-1", Noon.AddMinutes(5), helpful: true)], CancellationToken.None);

        var votes = (await store.ExportAsync(Noon.AddDays(-1), CancellationToken.None)).Votes;
        Assert.Equal(2, votes.Count);
        var changed = Assert.Single(votes, v => v.Voter == "voter-1");
        Assert.True(changed.Helpful);
        Assert.Equal(Noon.AddMinutes(5), changed.At);
        var row = Assert.Single(await store.DownvotedAsync(Noon.AddDays(-1), 10, CancellationToken.None));
        Assert.Equal((1, 1), (row.Down, row.Up));
    }

    [SkippableFact]
    public async Task ADownvoteWithoutANoteKeepsTheNoteAndAnUpvoteClearsIt()
    {
        var store = await OpenAsync();
        await store.WriteAsync([Answer("A1", Noon)], [Vote("A1", "v", Noon, helpful: false)], CancellationToken.None);
        await store.WriteAsync([], [Vote("A1", "v", Noon.AddSeconds(30), helpful: false, missing: "opening dates")], CancellationToken.None);

        await store.WriteAsync([], [Vote("A1", "v", Noon.AddMinutes(1), helpful: false)], CancellationToken.None);
        Assert.Equal("opening dates", Assert.Single((await store.ExportAsync(Noon.AddDays(-1), CancellationToken.None)).Votes).Missing);

        await store.WriteAsync([], [Vote("A1", "v", Noon.AddMinutes(2), helpful: true)], CancellationToken.None);
        Assert.Null(Assert.Single((await store.ExportAsync(Noon.AddDays(-1), CancellationToken.None)).Votes).Missing);
    }

    [SkippableFact]
    public async Task ListsDownvotedAnswersWithTheirNotesAndQuestionMostDownvotesFirst()
    {
        var store = await OpenAsync();
        await store.WriteAsync(
            [Answer("A1", Noon, question: "Who runs MareNostrum?"), Answer("A2", Noon, question: "Is there one in Malta?")],
            [
                Vote("A1", "v1", Noon, helpful: false, missing: "the operator"),
                Vote("A2", "v1", Noon, helpful: false, missing: "Malta"),
                Vote("A2", "v2", Noon, helpful: false, missing: "the date"),
                Vote("A2", "v3", Noon, helpful: true),
                Vote("GONE", "v1", Noon, helpful: false),
                Vote("LIKED", "v1", Noon, helpful: true),
            ],
            CancellationToken.None);

        var rows = await store.DownvotedAsync(Noon.AddDays(-1), 10, CancellationToken.None);

        Assert.Equal(new[] { "A2", "A1", "GONE" }, rows.Select(r => r.AnswerId));
        var first = rows[0];
        Assert.Equal(("Is there one in Malta?", 2, 1), (first.Question, first.Down, first.Up));
        Assert.Equal(new[] { "Malta", "the date" }, first.Notes.Order());
        var gone = Assert.Single(rows, r => r.AnswerId == "GONE");
        Assert.Null(gone.Question);
        Assert.Equal(("sites", "en"), (gone.Kind, gone.Language));
        Assert.Empty(gone.Notes);
        Assert.Single(await store.DownvotedAsync(Noon.AddDays(-1), 1, CancellationToken.None));
        Assert.Empty(await store.DownvotedAsync(Noon.AddHours(1), 10, CancellationToken.None));
    }

    [SkippableFact]
    public async Task ListsUnansweredQuestionsSinceAGivenTime()
    {
        var store = await OpenAsync();
        await store.WriteAsync(
            [Answer("A1", Noon.AddDays(-3), answered: false, question: "old"), Answer("A2", Noon, answered: false, question: "Where is Pharos?", language: "fr"), Answer("A3", Noon)],
            [],
            CancellationToken.None);

        var row = Assert.Single(await store.UnansweredAsync(Noon.AddDays(-1), CancellationToken.None));

        Assert.Equal(new UnansweredRow(Noon, "Where is Pharos?", "where kajaani", "fr"), row);
    }

    [SkippableFact]
    public async Task CountsEveryDayOfThePeriodIncludingDaysWithoutQuestions()
    {
        var store = await OpenAsync();
        var day1 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        await store.WriteAsync(
            [
                Answer("A1", day1.AddHours(1)),
                Answer("A2", day1.AddHours(23).AddMinutes(59), answered: false, language: "de"),
                Answer("A3", day1.AddDays(2).AddHours(5), language: "de"),
                Answer("A4", day1.AddDays(2).AddHours(6), language: "de"),
                Answer("OUT", day1.AddDays(3)),
            ],
            [Vote("A1", "v", day1.AddDays(1).AddHours(2), helpful: true), Vote("A3", "v", day1.AddDays(2).AddHours(7), helpful: false)],
            CancellationToken.None);

        var stats = await store.StatsAsync(day1, day1.AddDays(3), CancellationToken.None);

        Assert.Equal(
            new[]
            {
                new DayRow(new DateOnly(2026, 3, 1), 2, 1, 0, 0),
                new DayRow(new DateOnly(2026, 3, 2), 0, 0, 1, 0),
                new DayRow(new DateOnly(2026, 3, 3), 2, 2, 0, 1),
            },
            stats.Days);
        Assert.Equal([new Tally("de", 3), new Tally("en", 1)], stats.Languages);
    }

    [SkippableFact]
    public async Task CountsTheTenSitesAnswersUsedMostAndNotThePassages()
    {
        var store = await OpenAsync();
        var answers = new List<AnswerEvent>();
        for (var i = 0; i < 12; i++)
        {
            // Site s{i} is used by i+1 answers; every answer also used a passage.
            for (var j = 0; j <= i; j++)
            {
                answers.Add(Answer($"A{i}-{j}", Noon, used: [$"site-{i:00}", "passage:doc:section#1", $"site-{i:00}"]));
            }
        }

        await store.WriteAsync(answers, [], CancellationToken.None);
        var sites = (await store.StatsAsync(Noon.AddDays(-1), Noon.AddDays(1), CancellationToken.None)).Sites;

        Assert.Equal(10, sites.Count);
        Assert.Equal(new Tally("site-11", 12), sites[0]);
        Assert.Equal(new Tally("site-02", 3), sites[^1]);
        Assert.DoesNotContain(sites, s => s.Name.StartsWith("passage:", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task RetentionDeletesOnlyRowsOlderThanTheCutoff()
    {
        var store = await OpenAsync();
        await store.WriteAsync(
            [Answer("OLD", Noon.AddDays(-100)), Answer("NEW", Noon.AddDays(-10))],
            [Vote("OLD", "v", Noon.AddDays(-100), helpful: false), Vote("NEW", "v", Noon.AddDays(-10), helpful: true)],
            CancellationToken.None);

        var deleted = await store.DeleteBeforeAsync(Noon.AddDays(-90), CancellationToken.None);

        Assert.Equal(2, deleted);
        var (answers, votes) = await store.ExportAsync(DateTimeOffset.UnixEpoch, CancellationToken.None);
        Assert.Equal("NEW", Assert.Single(answers).AnswerId);
        Assert.Equal("NEW", Assert.Single(votes).AnswerId);
    }

    [SkippableFact]
    public async Task KeepsItsDataAcrossOpeningsAndIgnoresAReplayedAnswer()
    {
        var first = await OpenAsync();
        await first.OpenAsync(CancellationToken.None);
        await first.WriteAsync([Answer("A1", Noon, question: "first")], [], CancellationToken.None);
        await first.DisposeAsync();

        var second = await OpenAsync();
        await second.WriteAsync([Answer("A1", Noon, question: "replayed")], [], CancellationToken.None);

        Assert.Equal("first", Assert.Single((await second.ExportAsync(DateTimeOffset.UnixEpoch, CancellationToken.None)).Answers).Question);
    }

    [SkippableFact]
    public async Task RefusesAStoreWithANewerSchema()
    {
        await (await OpenAsync()).DisposeAsync();
        await ExecuteAsync("UPDATE feedback_meta SET value = '2' WHERE key = 'schema_version'");

        var error = await Assert.ThrowsAsync<FeedbackStoreException>(OpenAsync);

        Assert.Contains("schema version 2, newer than this bot knows (1)", error.Message);
        Assert.False(error.Transient);
    }

    [SkippableFact]
    public async Task RefusesAStoreWhoseTablesAreSomeoneElses()
    {
        await ExecuteAsync("CREATE TABLE feedback_answers (id INTEGER)");

        var error = await Assert.ThrowsAsync<FeedbackStoreException>(OpenAsync);

        Assert.Contains("is not the bot's feedback store", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [SkippableFact]
    public async Task RefusesAMetaTableWithoutTheBotsMarker()
    {
        await ExecuteAsync("CREATE TABLE feedback_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        await ExecuteAsync("INSERT INTO feedback_meta (key, value) VALUES ('application', 'something-else')");

        var error = await Assert.ThrowsAsync<FeedbackStoreException>(OpenAsync);

        Assert.Contains("no aifactories-bot marker", error.Message);
    }
}
