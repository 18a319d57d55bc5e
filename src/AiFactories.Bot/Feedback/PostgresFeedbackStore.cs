using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace AiFactories.Bot.Feedback;

/// <summary>
/// The feedback store in PostgreSQL, for several replicas sharing one: the tables live in the
/// connection's first schema (Search Path), so the database can be shared with other programs.
/// The connection string is a secret: only its host and database are ever shown.
/// </summary>
public sealed class PostgresFeedbackStore : SqlFeedbackStore
{
    // Any fixed number: replicas starting together take turns to migrate.
    private const long MigrationLock = 0x4149_4642_0001;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _where;

    /// <exception cref="FeedbackStoreException">The connection string cannot be read.</exception>
    public PostgresFeedbackStore(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            _where = $"PostgreSQL database '{builder.Database ?? builder.Username}' on {builder.Host ?? "localhost"}";
            _dataSource = NpgsqlDataSource.Create(builder);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // The message may quote the value, which is a secret.
            throw new FeedbackStoreException("Store:ConnectionString is not a PostgreSQL connection string; use the form Host=...;Username=...;Password=...;Database=...");
        }
    }

    public override string Name => "postgresql";

    public override string Where => _where;

    protected override string BooleanType => "BOOLEAN";

    protected override async Task<DbConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw new FeedbackStoreException($"cannot connect to the {_where}: {e.Message}", e) { Transient = e.IsTransient };
        }
    }

    protected override async Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@lock)", cancellationToken, ("lock", MigrationLock));
        return transaction;
    }

    protected override async Task<bool> TableExistsAsync(DbConnection connection, DbTransaction transaction, string table, CancellationToken cancellationToken)
    {
        const string sql = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @name";
        await using var command = Command(connection, transaction, sql, ("name", table));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    protected override async Task<string?> ForeignTablesAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        // A shared database may hold anything; only tables with the bot's names and no marker are a clash.
        var clashes = new List<string>();
        foreach (var table in new[] { "feedback_answers", "feedback_votes" })
        {
            if (await TableExistsAsync(connection, transaction, table, cancellationToken))
            {
                clashes.Add(table);
            }
        }

        return clashes.Count == 0 ? null : $"tables named {string.Join(" and ", clashes)}";
    }

    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await base.DisposeAsync();
    }
}
