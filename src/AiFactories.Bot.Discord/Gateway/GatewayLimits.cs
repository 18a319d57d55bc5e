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
/// identify at most once per five seconds, one after another. A wait that is cancelled (its
/// connection closed meanwhile) gives its turn back: only a wait that completes uses a slot.
/// </summary>
public sealed class IdentifyGate(TimeProvider clock)
{
    public static readonly TimeSpan Spacing = TimeSpan.FromSeconds(5);

    private readonly Dictionary<int, Bucket> _buckets = [];
    private int _maxConcurrency = 1;

    private sealed class Bucket
    {
        /// <summary>One waiter at a time, so a cancelled one never holds a reservation the next must honour.</summary>
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public DateTimeOffset LastIdentify { get; set; } = DateTimeOffset.MinValue;
    }

    public TimeSpan SpacingInUse { get; init; } = Spacing;

    public void Configure(int maxConcurrency) => _maxConcurrency = Math.Max(1, maxConcurrency);

    /// <summary>Waits for this shard's identify slot and takes it; cancelled, it takes nothing.</summary>
    public async Task WaitAsync(int shardId, CancellationToken cancellationToken)
    {
        Bucket bucket;
        lock (_buckets)
        {
            var key = shardId % _maxConcurrency;
            if (!_buckets.TryGetValue(key, out var found))
            {
                found = new Bucket();
                _buckets[key] = found;
            }

            bucket = found;
        }

        await bucket.Turn.WaitAsync(cancellationToken);
        try
        {
            var wait = bucket.LastIdentify == DateTimeOffset.MinValue ? TimeSpan.Zero : bucket.LastIdentify + SpacingInUse - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, cancellationToken);
            }

            // Marked only now: a wait cancelled above leaves the slot to the next shard.
            bucket.LastIdentify = clock.GetUtcNow();
        }
        finally
        {
            bucket.Turn.Release();
        }
    }
}
