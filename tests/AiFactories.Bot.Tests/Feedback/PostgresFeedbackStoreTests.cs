using AiFactories.Bot.Feedback;
using Npgsql;

namespace AiFactories.Bot.Tests.Feedback;

/// <summary>
/// The store behaviours on a real PostgreSQL server: the one AIF_TEST_POSTGRES names (.ci/run
/// starts one), else a local one as the postgres user. Each test works in a schema of its own,
/// dropped afterwards; without a server the tests skip and say why.
/// </summary>
public sealed class PostgresFeedbackStoreTests : FeedbackStoreTests
{
    private static readonly Lazy<Task<(string? ConnectionString, string Problem)>> Server = new(FindServerAsync);

    private readonly string _schema = "aif_test_" + Guid.NewGuid().ToString("N");
    private string? _server;
    private string _problem = string.Empty;

    private static async Task<(string?, string)> FindServerAsync()
    {
        var given = Environment.GetEnvironmentVariable("AIF_TEST_POSTGRES");
        string[] candidates = string.IsNullOrWhiteSpace(given)
            ? ["Host=127.0.0.1;Username=postgres;Database=postgres", "Host=/var/run/postgresql;Username=postgres;Database=postgres"]
            : [given];
        var problems = new List<string>();
        foreach (var candidate in candidates)
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(candidate) { Timeout = 5, Pooling = false };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync();
                return (candidate, string.Empty);
            }
            catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException)
            {
                problems.Add($"{new NpgsqlConnectionStringBuilder(candidate).Host}: {e.Message}");
            }
        }

        var source = string.IsNullOrWhiteSpace(given) ? "AIF_TEST_POSTGRES is not set and no local server let the postgres user in" : "the server AIF_TEST_POSTGRES names cannot be reached";
        return (null, $"PostgreSQL tests need a server ({source}: {string.Join("; ", problems)}); .ci/run starts one");
    }

    public override async Task InitializeAsync()
    {
        (var server, _problem) = await Server.Value;
        if (server is null)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE SCHEMA {_schema}", connection);
        await command.ExecuteNonQueryAsync();
        _server = new NpgsqlConnectionStringBuilder(server) { SearchPath = _schema }.ConnectionString;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_server is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection((await Server.Value).ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA {_schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override IFeedbackStore NewStore()
    {
        Skip.If(_server is null, _problem);
        return new PostgresFeedbackStore(_server!);
    }

    protected override async Task ExecuteAsync(string sql)
    {
        Skip.If(_server is null, _problem);
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [SkippableFact]
    public async Task LeavesOtherTablesOfASharedDatabaseAlone()
    {
        await ExecuteAsync("CREATE TABLE invoices (id INTEGER)");

        var store = await OpenAsync();
        await store.WriteAsync([Answer("A1", Noon)], [], CancellationToken.None);

        Assert.Single((await store.ExportAsync(DateTimeOffset.UnixEpoch, CancellationToken.None)).Answers);
    }

    [Fact]
    public async Task AnUnreachableServerIsWorthTryingAgainAndItsPasswordIsNeverShown()
    {
        await using var store = new PostgresFeedbackStore("Host=127.0.0.1;Port=1;Username=bot;Password=hunter2;Database=feedback;Timeout=2");

        var error = await Assert.ThrowsAsync<FeedbackStoreException>(() => store.OpenAsync(CancellationToken.None));

        Assert.True(error.Transient);
        Assert.StartsWith("cannot connect to the PostgreSQL database 'feedback' on 127.0.0.1", error.Message);
        Assert.DoesNotContain("hunter2", error.ToString());
    }
}
