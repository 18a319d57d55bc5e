using AiFactories.Bot.Knowledge;
using AiFactories.Bot.Knowledge.Answers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Hosting;

/// <summary>
/// Owns the current <see cref="KnowledgeBase"/>: loads it on first use and hands the same
/// immutable instance to every caller, so a later reload can swap it atomically.
/// </summary>
public sealed class KnowledgeProvider(IOptions<KnowledgeOptions> options, ILogger<KnowledgeProvider> logger) : IDisposable
{
    private readonly Lock _gate = new();
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
                    var path = options.Value.ResolveCorpusPath();
                    var loaded = KnowledgeBase.Load(path, new AnswerSettings
                    {
                        MinCoverage = options.Value.MinCoverage,
                        MaxPassages = options.Value.MaxPassages,
                    });
                    logger.LogInformation("Loaded corpus from {Path}: {Sites} sites, {Sentences} sentences, index built in {Milliseconds} ms",
                        path, loaded.Corpus.Sites.Count, loaded.Index.Sentences.Count, loaded.Index.BuildTime.TotalMilliseconds);
                    Volatile.Write(ref _current, loaded);
                }

                return _current;
            }
        }
    }

    public void Dispose() => _current?.Dispose();
}
