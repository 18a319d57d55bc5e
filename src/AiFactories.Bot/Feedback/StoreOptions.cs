using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFactories.Bot.Feedback;

/// <summary>Settings of the feedback store, bound from the "Store" section.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>Whether questions and votes are recorded at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The SQLite file; a relative path is under the content root. Unset: feedback.db in
    /// $STATE_DIRECTORY (systemd's StateDirectory=), else in the user's local application data.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>A PostgreSQL connection string; when set, PostgreSQL is used instead of the file. A secret.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Rows older than this many days are deleted (at start and daily).</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>Events waiting to be written; beyond this they are dropped rather than slow an answer.</summary>
    public int BufferSize { get; set; } = 1000;

    /// <summary>The key the vote buttons are signed with and voters hashed with. A secret.</summary>
    public string? VoteKey { get; set; }

    /// <summary>The content root a relative path is under; set from the host, the executable's folder otherwise.</summary>
    internal string? BaseDirectory { get; set; }

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>The SQLite file these settings point at.</summary>
    /// <exception cref="FeedbackStoreException">No path is set and there is no folder to put the file in.</exception>
    public string ResolvePath(Func<string, string?>? environment = null)
    {
        if (!string.IsNullOrWhiteSpace(Path))
        {
            return System.IO.Path.IsPathRooted(Path) ? Path : System.IO.Path.GetFullPath(System.IO.Path.Combine(BaseDirectory ?? AppContext.BaseDirectory, Path));
        }

        // systemd gives a colon-separated list when a unit names several state directories.
        var state = (environment ?? Environment.GetEnvironmentVariable)("STATE_DIRECTORY")?.Split(':')[0];
        if (!string.IsNullOrWhiteSpace(state))
        {
            return System.IO.Path.Combine(state, "feedback.db");
        }

        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return System.IO.Path.IsPathRooted(data)
            ? System.IO.Path.Combine(data, "aifactories-bot", "feedback.db")
            : throw new FeedbackStoreException("there is no folder for the feedback file (no STATE_DIRECTORY and no home folder); set Store:Path");
    }
}

/// <summary>The ranges of the store settings, checked before anything starts.</summary>
internal sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        var failures = new List<string>();
        if (options.RetentionDays is < 1 or > 3650)
        {
            failures.Add($"Store:RetentionDays must be between 1 and 3650 (it is {options.RetentionDays}).");
        }

        if (options.BufferSize is < 1 or > 1_000_000)
        {
            failures.Add($"Store:BufferSize must be between 1 and 1000000 (it is {options.BufferSize}).");
        }

        if (options.UsesPostgres && !IsConnectionString(options.ConnectionString!))
        {
            // The value is a secret: never shown, not even in part.
            failures.Add("Store:ConnectionString (hidden) is not a PostgreSQL connection string; use the form Host=...;Username=...;Password=...;Database=...");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsConnectionString(string value)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return false;
        }
    }
}
