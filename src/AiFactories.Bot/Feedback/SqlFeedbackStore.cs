// The schema, its migrations and every query are shared by SQLite and PostgreSQL; keeping the SQL in one file keeps both stores the same.
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AiFactories.Bot.Feedback;

/// <summary>
/// What the SQLite and PostgreSQL stores share: the schema, its migrations and every query. Both
/// speak the same SQL here (times are whole milliseconds since 1970 UTC in a 64-bit integer,
/// upserts are ON CONFLICT); the dialects differ only in types, in how a connection is made and in
/// how they recognise a database that is not the bot's.
/// </summary>
/// <remarks>
/// Tables (the same in both):
/// feedback_meta (key, value): application = aifactories-bot, schema_version = n.
/// feedback_answers (answer_id primary key, at, question, gist, language, kind, answered, used as a
/// JSON array of ids, guild_id).
/// feedback_votes (answer_id, voter, at, helpful, kind, language, missing, guild_id), unique per
/// answer and voter.
/// <see cref="OpenAsync"/> may be called more than once (the writer and an admin view both do); it
/// migrates once.
/// </remarks>
public abstract class SqlFeedbackStore : IFeedbackStore
{
    /// <summary>The marker that says a database is the bot's.</summary>
    public const string Application = "aifactories-bot";

    /// <summary>The schema version this build writes; a store at a higher one is refused.</summary>
    public const int SchemaVersion = 1;

    private const string PassagePrefix = "passage:";

    private readonly SemaphoreSlim _opening = new(1, 1);
    private volatile bool _opened;

    public abstract string Name { get; }

    /// <summary>The store as an operator knows it (a file path, a host and database), never with a secret.</summary>
    public abstract string Where { get; }

    /// <summary>The column type of true or false.</summary>
    protected abstract string BooleanType { get; }

    /// <summary>An open connection, ready for statements.</summary>
    protected abstract Task<DbConnection> ConnectAsync(CancellationToken cancellationToken);

    /// <summary>A transaction that keeps other processes from migrating at the same time.</summary>
    protected abstract Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken);

    protected abstract Task<bool> TableExistsAsync(DbConnection connection, DbTransaction transaction, string table, CancellationToken cancellationToken);

    /// <summary>Whether a store without the bot's marker holds tables of its own (so is someone else's).</summary>
    protected abstract Task<string?> ForeignTablesAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Anything the dialect records besides the meta table once migrated (SQLite: user_version).</summary>
    protected virtual Task AfterMigrationAsync(DbConnection connection, DbTransaction transaction, int version, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The migrations, one per schema version: step n takes a store from version n-1 to n. A new
    /// version is one more entry here (and <see cref="SchemaVersion"/> one higher).
    /// </summary>
    private IReadOnlyList<string[]> Migrations() =>
    [
        [
            "CREATE TABLE feedback_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            $"""
            CREATE TABLE feedback_answers (
                answer_id TEXT PRIMARY KEY,
                at BIGINT NOT NULL,
                question TEXT NOT NULL,
                gist TEXT NOT NULL,
                language TEXT NOT NULL,
                kind TEXT NOT NULL,
                answered {BooleanType} NOT NULL,
                used TEXT NOT NULL,
                guild_id TEXT)
            """,
            $"""
            CREATE TABLE feedback_votes (
                answer_id TEXT NOT NULL,
                voter TEXT NOT NULL,
                at BIGINT NOT NULL,
                helpful {BooleanType} NOT NULL,
                kind TEXT NOT NULL,
                language TEXT NOT NULL,
                missing TEXT,
                guild_id TEXT,
                UNIQUE (answer_id, voter))
            """,
            "CREATE INDEX feedback_answers_at ON feedback_answers (at)",
            "CREATE INDEX feedback_votes_at ON feedback_votes (at)",
        ],
    ];

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (_opened)
        {
            return;
        }

        await _opening.WaitAsync(cancellationToken);
        try
        {
            if (!_opened)
            {
                await MigrateAsync(cancellationToken);
                _opened = true;
            }
        }
        catch (DbException e)
        {
            throw new FeedbackStoreException($"cannot prepare the feedback store {Where}: {e.Message}", e) { Transient = e.IsTransient };
        }
        finally
        {
            _opening.Release();
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginMigrationAsync(connection, cancellationToken);
        var version = await ReadVersionAsync(connection, transaction, cancellationToken);
        var migrations = Migrations();
        if (version > migrations.Count)
        {
            throw new FeedbackStoreException($"the feedback store {Where} has schema version {version}, newer than this bot knows ({migrations.Count}); run a newer bot or point Store at another store");
        }

        if (version == migrations.Count)
        {
            return;
        }

        for (var step = version; step < migrations.Count; step++)
        {
            foreach (var statement in migrations[step])
            {
                await ExecuteAsync(connection, transaction, statement, cancellationToken);
            }
        }

        const string upsert = "INSERT INTO feedback_meta (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        await ExecuteAsync(connection, transaction, upsert, cancellationToken, ("key", "application"), ("value", Application));
        await ExecuteAsync(connection, transaction, upsert, cancellationToken, ("key", "schema_version"), ("value", migrations.Count.ToString(CultureInfo.InvariantCulture)));
        await AfterMigrationAsync(connection, transaction, migrations.Count, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The schema version of the store; 0 for an empty one; refuses one that is not the bot's.</summary>
    private async Task<int> ReadVersionAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (!await TableExistsAsync(connection, transaction, "feedback_meta", cancellationToken))
        {
            return await ForeignTablesAsync(connection, transaction, cancellationToken) is { } tables
                ? throw new FeedbackStoreException($"{Where} is not the bot's feedback store (it holds {tables} and no {Application} marker); point Store:Path or Store:ConnectionString at the bot's own store or a new one")
                : 0;
        }

        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = Command(connection, transaction, "SELECT key, value FROM feedback_meta"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                meta[reader.GetString(0)] = reader.GetString(1);
            }
        }

        if (meta.GetValueOrDefault("application") != Application)
        {
            throw new FeedbackStoreException($"{Where} is not the bot's feedback store (its feedback_meta table has no {Application} marker); point Store at the bot's own store or a new one");
        }

        return int.TryParse(meta.GetValueOrDefault("schema_version"), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new FeedbackStoreException($"the feedback store {Where} has no readable schema version; it was changed by hand or by something else");
    }

    public async Task WriteAsync(IReadOnlyList<AnswerEvent> answers, IReadOnlyList<VoteEvent> votes, CancellationToken cancellationToken)
    {
        if (answers.Count == 0 && votes.Count == 0)
        {
            return;
        }

        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Answer ids are unique (time and 48 random bits): a second event with the same id is a replay, and the first stays.
        const string insertAnswer = """
            INSERT INTO feedback_answers (answer_id, at, question, gist, language, kind, answered, used, guild_id)
            VALUES (@answer_id, @at, @question, @gist, @language, @kind, @answered, @used, @guild_id)
            ON CONFLICT (answer_id) DO NOTHING
            """;
        // One command per statement for the whole batch, its parameters given new values row by row:
        // the statement is parsed once, not once per row.
        if (answers.Count > 0)
        {
            await using var insert = Command(connection, transaction, insertAnswer, Unset("answer_id", "at", "question", "gist", "language", "kind", "answered", "used", "guild_id"));
            foreach (var answer in answers)
            {
                await ExecuteAgainAsync(insert, cancellationToken, answer.AnswerId, Milliseconds(answer.At), answer.Question, answer.Gist,
                    answer.Language, answer.Kind, answer.Answered, UsedJson(answer.Used), answer.GuildId);
            }
        }

        // One vote per answer and voter: a later one replaces it. The note of a 👎 comes in a second
        // event (the modal is submitted after the click), so a 👎 without a note keeps the note the
        // vote has; a 👍 clears it, since a note of what was missing no longer fits the vote.
        const string upsertVote = """
            INSERT INTO feedback_votes (answer_id, voter, at, helpful, kind, language, missing, guild_id)
            VALUES (@answer_id, @voter, @at, @helpful, @kind, @language, @missing, @guild_id)
            ON CONFLICT (answer_id, voter) DO UPDATE SET
                at = excluded.at,
                helpful = excluded.helpful,
                kind = excluded.kind,
                language = excluded.language,
                guild_id = excluded.guild_id,
                missing = CASE
                    WHEN excluded.missing IS NOT NULL THEN excluded.missing
                    WHEN excluded.helpful THEN NULL
                    ELSE feedback_votes.missing END
            """;
        if (votes.Count > 0)
        {
            await using var upsert = Command(connection, transaction, upsertVote, Unset("answer_id", "voter", "at", "helpful", "kind", "language", "missing", "guild_id"));
            foreach (var vote in votes)
            {
                await ExecuteAgainAsync(upsert, cancellationToken, vote.AnswerId, vote.Voter, Milliseconds(vote.At), vote.Helpful,
                    vote.Kind, vote.Language, vote.Missing, vote.GuildId);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> DeleteBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var deleted = await ExecuteAsync(connection, transaction, "DELETE FROM feedback_votes WHERE at < @before", cancellationToken, ("before", Milliseconds(before)))
            + await ExecuteAsync(connection, transaction, "DELETE FROM feedback_answers WHERE at < @before", cancellationToken, ("before", Milliseconds(before)));
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    public async Task<IReadOnlyList<UnansweredRow>> UnansweredAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT at, question, gist, language FROM feedback_answers WHERE NOT answered AND at >= @since ORDER BY at, answer_id", ("since", Milliseconds(since)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<UnansweredRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new UnansweredRow(Time(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }

    public async Task<IReadOnlyList<DownvotedRow>> DownvotedAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);

        // The answer's own kind and language when its row is there; the button's otherwise.
        const string select = """
            SELECT v.answer_id, MAX(a.question), COALESCE(MAX(a.kind), MAX(v.kind)), COALESCE(MAX(a.language), MAX(v.language)),
                SUM(CASE WHEN v.helpful THEN 0 ELSE 1 END) AS down, SUM(CASE WHEN v.helpful THEN 1 ELSE 0 END) AS up
            FROM feedback_votes v LEFT JOIN feedback_answers a ON a.answer_id = v.answer_id
            WHERE v.at >= @since
            GROUP BY v.answer_id
            HAVING SUM(CASE WHEN v.helpful THEN 0 ELSE 1 END) > 0
            ORDER BY down DESC, MAX(v.at) DESC, v.answer_id
            LIMIT @limit
            """;
        var rows = new List<(string Id, string? Question, string Kind, string Language, int Down, int Up)>();
        await using (var command = Command(connection, null, select, ("since", Milliseconds(since)), ("limit", Math.Max(0, limit))))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    Convert.ToInt32(reader.GetValue(4), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture)));
            }
        }

        var notes = rows.ToDictionary(r => r.Id, _ => new List<string>(), StringComparer.Ordinal);
        if (rows.Count > 0)
        {
            var ids = rows.Select((r, i) => ($"id{i}", (object?)r.Id)).ToArray();
            var sql = $"SELECT answer_id, missing FROM feedback_votes WHERE at >= @since AND NOT helpful AND missing IS NOT NULL AND answer_id IN ({string.Join(", ", ids.Select(p => "@" + p.Item1))}) ORDER BY at";
            await using var command = Command(connection, null, sql, [("since", Milliseconds(since)), .. ids]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                notes[reader.GetString(0)].Add(reader.GetString(1));
            }
        }

        return [.. rows.Select(r => new DownvotedRow(r.Id, r.Question, r.Kind, r.Language, r.Down, r.Up, notes[r.Id]))];
    }

    /// <summary>Counts over [since, until): the days listed are every UTC day that range touches.</summary>
    public async Task<StatsRows> StatsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        const long day = 86_400_000;
        var from = Milliseconds(since);
        var to = Milliseconds(until);
        var days = new SortedDictionary<long, (int Questions, int Answered, int Up, int Down)>();
        if (to > from)
        {
            for (var d = Math.Floor((double)from / day); d <= Math.Floor((double)(to - 1) / day); d++)
            {
                days[(long)d] = default;
            }
        }

        await using var connection = await ConnectAsync(cancellationToken);
        const string perDay = """
            SELECT at / 86400000, COUNT(*), SUM(CASE WHEN answered THEN 1 ELSE 0 END)
            FROM feedback_answers WHERE at >= @from AND at < @to GROUP BY at / 86400000
            """;
        await ReadAsync(connection, perDay, reader => days[reader.GetInt64(0)] = days[reader.GetInt64(0)] with { Questions = Int(reader, 1), Answered = Int(reader, 2) }, cancellationToken, ("from", from), ("to", to));

        const string votesPerDay = """
            SELECT at / 86400000, SUM(CASE WHEN helpful THEN 1 ELSE 0 END), SUM(CASE WHEN helpful THEN 0 ELSE 1 END)
            FROM feedback_votes WHERE at >= @from AND at < @to GROUP BY at / 86400000
            """;
        await ReadAsync(connection, votesPerDay, reader => days[reader.GetInt64(0)] = days[reader.GetInt64(0)] with { Up = Int(reader, 1), Down = Int(reader, 2) }, cancellationToken, ("from", from), ("to", to));

        var languages = new List<Tally>();
        const string perLanguage = "SELECT language, COUNT(*) FROM feedback_answers WHERE at >= @from AND at < @to GROUP BY language ORDER BY COUNT(*) DESC, language";
        await ReadAsync(connection, perLanguage, reader => languages.Add(new Tally(reader.GetString(0), Int(reader, 1))), cancellationToken, ("from", from), ("to", to));

        // The ids are a JSON array per answer; counted here rather than with each dialect's JSON functions.
        var sites = new Dictionary<string, int>(StringComparer.Ordinal);
        await ReadAsync(connection, "SELECT used FROM feedback_answers WHERE at >= @from AND at < @to", reader =>
        {
            foreach (var id in ParseUsed(reader.GetString(0)).Where(id => !id.StartsWith(PassagePrefix, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal))
            {
                sites[id] = sites.GetValueOrDefault(id) + 1;
            }
        }, cancellationToken, ("from", from), ("to", to));

        var epoch = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        return new StatsRows(
            [.. days.Select(d => new DayRow(DateOnly.FromDayNumber(epoch + (int)d.Key), d.Value.Questions, d.Value.Answered, d.Value.Up, d.Value.Down))],
            languages,
            [.. sites.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Take(10).Select(s => new Tally(s.Key, s.Value))]);
    }

    public async Task<(IReadOnlyList<AnswerEvent> Answers, IReadOnlyList<VoteEvent> Votes)> ExportAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var answers = new List<AnswerEvent>();
        const string selectAnswers = "SELECT answer_id, at, question, gist, language, kind, answered, used, guild_id FROM feedback_answers WHERE at >= @since ORDER BY at, answer_id";
        await ReadAsync(connection, selectAnswers, reader => answers.Add(new AnswerEvent(
            reader.GetString(0), Time(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
            Convert.ToBoolean(reader.GetValue(6), CultureInfo.InvariantCulture), ParseUsed(reader.GetString(7)), reader.IsDBNull(8) ? null : reader.GetString(8))),
            cancellationToken, ("since", Milliseconds(since)));

        var votes = new List<VoteEvent>();
        const string selectVotes = "SELECT answer_id, voter, at, helpful, kind, language, missing, guild_id FROM feedback_votes WHERE at >= @since ORDER BY at, answer_id, voter";
        await ReadAsync(connection, selectVotes, reader => votes.Add(new VoteEvent(
            reader.GetString(0), reader.GetString(1), Time(reader.GetInt64(2)), Convert.ToBoolean(reader.GetValue(3), CultureInfo.InvariantCulture),
            reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7))),
            cancellationToken, ("since", Milliseconds(since)));
        return (answers, votes);
    }

    public virtual ValueTask DisposeAsync()
    {
        _opening.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    protected static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Parameters named for a command that is run once per row, each run with its own values.</summary>
    private static (string Name, object? Value)[] Unset(params string[] names) => [.. names.Select(name => (name, (object?)null))];

    /// <summary>Runs a command again with new values for its parameters, in their order.</summary>
    private static async Task ExecuteAgainAsync(DbCommand command, CancellationToken cancellationToken, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ReadAsync(DbConnection connection, string sql, Action<DbDataReader> row, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }

    private static int Int(DbDataReader reader, int column) => reader.IsDBNull(column) ? 0 : Convert.ToInt32(reader.GetValue(column), CultureInfo.InvariantCulture);

    private static long Milliseconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static DateTimeOffset Time(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    private static string UsedJson(IReadOnlyList<string> used)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var id in used)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string[] ParseUsed(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetString() ?? string.Empty)];
    }
}
