using System.Runtime;
using AiFactories.Bot.Knowledge;
using AiFactories.Bot.Knowledge.Answers;
using AiFactories.Bot.Knowledge.Ranking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Answering;

/// <summary>
/// The one owner of the loaded knowledge in a process: loads and validates the corpus on first use
/// (or at start, through <see cref="KnowledgeWarmup"/>), hands the same immutable instance to every
/// caller, and swaps it atomically on reload.
/// </summary>
public sealed class KnowledgeProvider(IOptions<KnowledgeOptions> options, ILogger<KnowledgeProvider> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Lock _reloadGate = new();
    private KnowledgeBase? _current;

    public KnowledgeOptions Options => options.Value;

    /// <summary>The last reload's outcome, or null when there has been none.</summary>
    public ReloadRecord? LastReload { get; private set; }

    /// <summary>
    /// Set by a command that loads the corpus once, answers and exits: its first load runs without
    /// collections whether or not the index is kept, since the memory goes back with the process
    /// (collecting while loading was a quarter of a native one-shot `ask`).
    /// </summary>
    public bool LoadsOnce { get; set; }

    /// <summary>Raised with the new knowledge after a reload has swapped it in (not after a refused one).</summary>
    public event Action<KnowledgeBase>? Reloaded;

    /// <summary>Whether the corpus has been loaded (readiness).</summary>
    public bool IsLoaded => Volatile.Read(ref _current) is not null;

    /// <summary>The loaded knowledge; loads it the first time.</summary>
    /// <exception cref="Knowledge.Corpus.CorpusException">The corpus is missing or wrong.</exception>
    public KnowledgeBase Current
    {
        get
        {
            var current = Volatile.Read(ref _current);
            if (current is not null)
            {
                return current;
            }

            lock (_gate)
            {
                if (_current is null)
                {
                    // A server's first load runs without collections too when it opens the index kept
                    // from an earlier start. Everything it builds survives, and collecting while
                    // building only copied it from generation to generation: in the native `serve`,
                    // 9-10 collections took half of the load's time. The server collects once before it
                    // says it is ready (KnowledgeWarmup). A load that has to build the index allocates
                    // half as much again (the native `serve` peaked at 115 MiB that way), and a reload
                    // runs while questions are answered: both collect as usual.
                    var (path, loaded) = LoadsOnce || KnowledgeBase.HasKeptIndex(options.Value.ResolveCorpusPath())
                        ? WithoutCollections(LoadFromDisk)
                        : LoadFromDisk();
                    logger.LogInformation("Loaded corpus from {Path}: {Sites} sites, {Sentences} sentences, index built in {Milliseconds} ms",
                        path, loaded.Summary.Sites, loaded.Summary.Sentences, loaded.Summary.IndexBuildTime.TotalMilliseconds);
                    Volatile.Write(ref _current, loaded);
                }

                return _current;
            }
        }
    }

    /// <summary>
    /// Reads the corpus again and swaps the new index in atomically. A broken corpus, or any error
    /// reading it, leaves the old index serving and the result says what is wrong. Questions in flight
    /// finish on the index they started with, which is released when the last of them is done.
    /// </summary>
    public ReloadResult Reload()
    {
        lock (_reloadGate)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            string path;
            KnowledgeBase loaded;
            try
            {
                (path, loaded) = LoadFromDisk();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Whatever went wrong (a broken record, a dangling symlink, a file being written, no
                // permission), the reload is refused and says why; the loaded corpus keeps serving.
                var problem = e is Knowledge.Corpus.CorpusException ? e.Message : $"{e.GetType().Name}: {OneLine(e.Message)}";
                logger.LogError("Reload refused, still serving the corpus loaded before: {Problem}", problem);
                Reloads.Add(1, new KeyValuePair<string, object?>("outcome", "refused"));
                LastReload = new ReloadRecord(DateTimeOffset.UtcNow, false, problem);
                return new ReloadResult(false, problem, null);
            }

            Interlocked.Exchange(ref _current, loaded);
            Reloaded?.Invoke(loaded);
            logger.LogInformation("Reloaded corpus from {Path} in {Milliseconds} ms: {Sites} sites, {Sentences} sentences",
                path, clock.Elapsed.TotalMilliseconds, loaded.Summary.Sites, loaded.Summary.Sentences);
            Reloads.Add(1, new KeyValuePair<string, object?>("outcome", "reloaded"));
            LastReload = new ReloadRecord(DateTimeOffset.UtcNow, true, null);

            // The replaced index is not disposed: the questions still answering on it keep it alive,
            // and it is garbage as soon as the last of them is done (it holds only managed memory).
            CompactSoon();
            return new ReloadResult(true, $"{loaded.Summary.Documents} documents, {loaded.Summary.Sites} sites, {loaded.Summary.Sentences} sentences", clock.Elapsed);
        }
    }

    /// <summary>
    /// A compacting collection a moment from now, which gives the memory of a reload's garbage (several
    /// times what the loaded corpus keeps) and of the replaced index back to the system, once the
    /// questions still answering on the old one are done.
    /// </summary>
    private static void CompactSoon() =>
        _ = Task.Delay(TimeSpan.FromSeconds(2)).ContinueWith(
            _ => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true), TaskScheduler.Default);

    /// <summary>
    /// Runs a load in a no-GC region when the GC grants one. The region is the process's: one load at a
    /// time asks for it (tests start many hosts in one process) and only that load ends it. When it is
    /// not granted (another load holds it, a heap limit leaves no room) or a collection ends it early,
    /// the load runs as usual.
    /// </summary>
    private T WithoutCollections<T>(Func<T> load)
    {
        if (Interlocked.CompareExchange(ref _regionTaken, 1, 0) != 0)
        {
            return load();
        }

        var started = false;
        try
        {
            started = GC.TryStartNoGCRegion(LoadAllocationBudget);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException)
        {
        }

        logger.LogDebug("Loading {How}", started ? "in a no-GC region" : "with collections (no no-GC region granted)");
        try
        {
            return load();
        }
        finally
        {
            if (started && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                try
                {
                    GC.EndNoGCRegion();
                }
                catch (InvalidOperationException)
                {
                }
            }

            Volatile.Write(ref _regionTaken, 0);
        }
    }

    private static int _regionTaken;

    /// <summary>
    /// What a load may allocate without a collection: well above the 45 MB the corpus takes now (the GC
    /// commits room for it, which is not resident until used). Giving large objects a smaller part of
    /// it (16 MiB) left the native `serve` 4-6 MiB higher at ready and at its peak (100-102 MiB).
    /// </summary>
    private const long LoadAllocationBudget = 160L * 1024 * 1024;

    private (string Path, KnowledgeBase Knowledge) LoadFromDisk()
    {
        var path = options.Value.ResolveCorpusPath();
        return (path, KnowledgeBase.Load(path, new AnswerSettings
        {
            MaxPassages = options.Value.MaxPassages,
            Ranking = new RankingSettings { MinCoverage = options.Value.MinCoverage },
        }));
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private static readonly System.Diagnostics.Metrics.Counter<long> Reloads = BotMetrics.Meter.CreateCounter<long>("aifactories.reloads", description: "Corpus reloads by outcome (reloaded, refused)");

    public void Dispose() => _current?.Dispose();
}

/// <summary>When the last reload happened, whether it was served, and what was wrong if not.</summary>
public sealed record ReloadRecord(DateTimeOffset At, bool Reloaded, string? Problem);

/// <summary>What a reload did: whether the new corpus is served, and what is in it or what is wrong with it.</summary>
public sealed record ReloadResult(bool Reloaded, string Message, TimeSpan? Took);
