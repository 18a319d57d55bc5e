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
                    var (path, loaded) = LoadFromDisk();
                    logger.LogInformation("Loaded corpus from {Path}: {Sites} sites, {Sentences} sentences, index built in {Milliseconds} ms",
                        path, loaded.Summary.Sites, loaded.Summary.Sentences, loaded.Summary.IndexBuildTime.TotalMilliseconds);
                    Volatile.Write(ref _current, loaded);
                }

                return _current;
            }
        }
    }

    /// <summary>
    /// Reads the corpus again and swaps the new index in atomically. A broken corpus leaves the old
    /// index serving and the result says what is wrong. Questions in flight finish on the index they
    /// started with; the old one is released a little later.
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
            catch (Knowledge.Corpus.CorpusException e)
            {
                logger.LogError("Reload refused, still serving the corpus loaded before: {Problem}", e.Message);
                return new ReloadResult(false, e.Message, null);
            }

            var old = Interlocked.Exchange(ref _current, loaded);
            logger.LogInformation("Reloaded corpus from {Path} in {Milliseconds} ms: {Sites} sites, {Sentences} sentences",
                path, clock.Elapsed.TotalMilliseconds, loaded.Summary.Sites, loaded.Summary.Sentences);
            if (old is not null)
            {
                _ = Task.Delay(RetireAfter).ContinueWith(_ => old.Dispose(), TaskScheduler.Default);
            }

            return new ReloadResult(true, $"{loaded.Summary.Documents} documents, {loaded.Summary.Sites} sites, {loaded.Summary.Sentences} sentences", clock.Elapsed);
        }
    }

    private (string Path, KnowledgeBase Knowledge) LoadFromDisk()
    {
        var path = options.Value.ResolveCorpusPath();
        return (path, KnowledgeBase.Load(path, new AnswerSettings
        {
            MaxPassages = options.Value.MaxPassages,
            Ranking = new RankingSettings { MinCoverage = options.Value.MinCoverage },
        }));
    }

    /// <summary>How long a replaced index stays open for the questions that started on it.</summary>
    public static TimeSpan RetireAfter { get; } = TimeSpan.FromSeconds(30);

    public void Dispose() => _current?.Dispose();
}

/// <summary>What a reload did: whether the new corpus is served, and what is in it or what is wrong with it.</summary>
public sealed record ReloadResult(bool Reloaded, string Message, TimeSpan? Took);
