namespace AiFactories.Bot.Discord.Gateway;

/// <summary>At most <see cref="Limit"/> sent events per <see cref="Window"/> on one connection: sends wait when used up.</summary>
public sealed class GatewaySendLimiter(TimeProvider clock, int limit = GatewaySendLimiter.Limit, TimeSpan? window = null)
{
    public const int Limit = 120;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeSpan _window = window ?? Window;

    /// <summary>How many sends the window holds now.</summary>
    public int InWindow
    {
        get
        {
            lock (_sent)
            {
                Expire(clock.GetUtcNow());
                return _sent.Count;
            }
        }
    }

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (_sent)
                {
                    var now = clock.GetUtcNow();
                    Expire(now);
                    if (_sent.Count < limit)
                    {
                        _sent.Enqueue(now);
                        return;
                    }

                    wait = _sent.Peek() + _window - now;
                }

                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), clock, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Expire(DateTimeOffset now)
    {
        while (_sent.Count > 0 && _sent.Peek() + _window <= now)
        {
            _sent.Dequeue();
        }
    }
}

/// <summary>
/// Paces identifies across shards: shards in the same bucket (shard id modulo max_concurrency)
/// identify at most once per five seconds.
/// </summary>
public sealed class IdentifyGate(TimeProvider clock)
{
    public static readonly TimeSpan Spacing = TimeSpan.FromSeconds(5);

    private readonly Dictionary<int, DateTimeOffset> _next = [];
    private int _maxConcurrency = 1;

    public TimeSpan SpacingInUse { get; init; } = Spacing;

    public void Configure(int maxConcurrency) => _maxConcurrency = Math.Max(1, maxConcurrency);

    public async Task WaitAsync(int shardId, CancellationToken cancellationToken)
    {
        var bucket = shardId % _maxConcurrency;
        TimeSpan wait;
        lock (_next)
        {
            var now = clock.GetUtcNow();
            var at = _next.TryGetValue(bucket, out var next) && next > now ? next : now;
            _next[bucket] = at + SpacingInUse;
            wait = at - now;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, cancellationToken);
        }
    }
}
