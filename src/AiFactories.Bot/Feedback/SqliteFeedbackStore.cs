using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace AiFactories.Bot.Feedback;

/// <summary>
/// The feedback store in one SQLite file (the default): created with its folder on first use, in
/// WAL mode so the admin views read while the bot writes.
/// </summary>
public sealed class SqliteFeedbackStore(string path) : SqlFeedbackStore
{
    // SQLite result codes (sqlite3.h).
    private const int Busy = 5;
    private const int Locked = 6;
    private const int NotADatabase = 26;

    // "AIFB" in the file header (PRAGMA application_id), so file(1) and other tools can tell it too.
    private const int ApplicationId = 0x41494642;

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public string Path { get; } = path;

    public override string Name => "sqlite";

    public override string Where => Path;

    protected override string BooleanType => "INTEGER";

    protected override async Task<DbConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }

            await connection.OpenAsync(cancellationToken);

            // Both are per connection (WAL sticks to the file once set; setting it again is cheap).
            await ExecuteAsync(connection, null, "PRAGMA busy_timeout = 10000", cancellationToken);
            await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL", cancellationToken);

            // In WAL mode NORMAL syncs at checkpoints, not at every commit: the file cannot be corrupted,
            // and a power cut may lose the last moment's feedback, which is all it can cost.
            await ExecuteAsync(connection, null, "PRAGMA synchronous = NORMAL", cancellationToken);
            return connection;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            await connection.DisposeAsync();
            throw e is SqliteException { SqliteErrorCode: NotADatabase }
                ? new FeedbackStoreException($"{Path} is not a SQLite database; Store:Path must name the bot's feedback file or a new one", e)
                : new FeedbackStoreException($"cannot open the feedback file {Path}: {e.Message}", e) { Transient = e is SqliteException { SqliteErrorCode: Busy or Locked } };
        }
    }

    protected override Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // BEGIN IMMEDIATE: a second process opening the same file waits for this migration.
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    protected override async Task<bool> TableExistsAsync(DbConnection connection, DbTransaction transaction, string table, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @name", ("name", table));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    protected override async Task<string?> ForeignTablesAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        // The file is the bot's alone: any table at all means it is something else's.
        await using var command = Command(connection, transaction, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name LIMIT 3");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names.Count == 0 ? null : $"the tables {string.Join(", ", names)}";
    }

    protected override async Task AfterMigrationAsync(DbConnection connection, DbTransaction transaction, int version, CancellationToken cancellationToken)
    {
        // PRAGMA takes no parameters; both values are this class's own integers.
        await ExecuteAsync(connection, transaction, $"PRAGMA user_version = {version}", cancellationToken);
        await ExecuteAsync(connection, transaction, $"PRAGMA application_id = {ApplicationId}", cancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; let it go with the store.
        await using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        await base.DisposeAsync();
    }
}
