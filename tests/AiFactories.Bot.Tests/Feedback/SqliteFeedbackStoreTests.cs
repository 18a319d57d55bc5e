using AiFactories.Bot.Feedback;
using Microsoft.Data.Sqlite;

namespace AiFactories.Bot.Tests.Feedback;

/// <summary>The store behaviours on a SQLite file in a folder of the test's own, plus what only a file can be.</summary>
public sealed class SqliteFeedbackStoreTests : FeedbackStoreTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "aif-feedback-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_folder, "state", "feedback.db");

    protected override IFeedbackStore NewStore() => new SqliteFeedbackStore(DatabasePath);

    protected override async Task ExecuteAsync(string sql)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private async Task<long> PragmaAsync(string name)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task CreatesTheFileAndItsFolderOnFirstUseInWalMode()
    {
        Assert.False(Directory.Exists(_folder));

        await OpenAsync();

        Assert.True(File.Exists(DatabasePath));
        Assert.Equal(SqlFeedbackStore.SchemaVersion, await PragmaAsync("user_version"));
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task MigratesAnEmptyFile()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        await File.WriteAllBytesAsync(DatabasePath, []);

        var store = await OpenAsync();
        await store.WriteAsync([Answer("A1", Noon)], [], CancellationToken.None);

        Assert.Equal(1, await PragmaAsync("user_version"));
        Assert.Single((await store.ExportAsync(DateTimeOffset.UnixEpoch, CancellationToken.None)).Answers);
    }

    [Fact]
    public async Task RefusesAFileThatIsNotADatabaseNamingItInOneLine()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        var text = string.Join('\n', Enumerable.Repeat("These are my notes, not a database.", 40));
        await File.WriteAllTextAsync(DatabasePath, text);

        var error = await Assert.ThrowsAsync<FeedbackStoreException>(OpenAsync);

        Assert.Equal($"{DatabasePath} is not a SQLite database; Store:Path must name the bot's feedback file or a new one", error.Message);
        Assert.False(error.Transient);
        Assert.Equal(text, await File.ReadAllTextAsync(DatabasePath));
    }

    [Fact]
    public async Task RefusesTheDatabaseOfAnotherProgramAndLeavesItAlone()
    {
        await ExecuteAsync("CREATE TABLE contacts (name TEXT)");

        var error = await Assert.ThrowsAsync<FeedbackStoreException>(OpenAsync);

        Assert.StartsWith($"{DatabasePath} is not the bot's feedback store (it holds the tables contacts", error.Message);
        Assert.Equal(0, await PragmaAsync("user_version"));
    }

    [Fact]
    public void PutsTheDefaultFileInTheStateDirectoryOrUnderTheContentRoot()
    {
        var options = new StoreOptions { BaseDirectory = "/srv/bot" };

        Assert.Equal("/var/lib/aifactories-bot/feedback.db", options.ResolvePath(name => name == "STATE_DIRECTORY" ? "/var/lib/aifactories-bot:/var/lib/other" : null));
        Assert.EndsWith("/aifactories-bot/feedback.db", options.ResolvePath(_ => null));
        options.Path = "data/feedback.db";
        Assert.Equal("/srv/bot/data/feedback.db", options.ResolvePath(_ => "/var/lib/aifactories-bot"));
        options.Path = "/data/feedback.db";
        Assert.Equal("/data/feedback.db", options.ResolvePath());
    }
}
