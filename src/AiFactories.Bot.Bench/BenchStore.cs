namespace AiFactories.Bot.Bench;

/// <summary>
/// A feedback store of a benchmarked server's own, new for each server and deleted after: the
/// benchmark's questions must not go into the operator's store, nor be measured against a store
/// grown by earlier runs.
/// </summary>
internal sealed class BenchStore : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"aifactories-bench-store-{Guid.NewGuid():N}");

    /// <summary>Points the server started with these settings at this store.</summary>
    public void Apply(System.Diagnostics.ProcessStartInfo start) => start.Environment["Store__Path"] = Path.Combine(_folder, "feedback.db");

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }
}
