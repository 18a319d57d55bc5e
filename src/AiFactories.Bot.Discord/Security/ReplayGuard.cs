using System.Collections.Concurrent;

namespace AiFactories.Bot.Discord.Security;

/// <summary>
/// The ids of the interactions answered recently, so that a signed request captured and sent again
/// within the signature window is refused (401) instead of answered twice. Discord sends each
/// interaction once, so a repeated id is never Discord; answering it from a cache would hand the
/// earlier answer to whoever replays it, so it is refused. Ids are kept for twice the signature
/// window (a request older than the window fails the signature check anyway), and the set is
/// bounded: when full, the oldest ids go first.
/// </summary>
public sealed class ReplayGuard(TimeProvider clock, TimeSpan window, int capacity = 100_000)
{
    private readonly ConcurrentDictionary<string, long> _seen = new(StringComparer.Ordinal);
    private readonly TimeSpan _keep = window + window;
    private readonly Lock _pruning = new();

    /// <summary>True the first time an id is seen within the window; false for a replay.</summary>
    public bool FirstTime(string interactionId)
    {
        var now = clock.GetUtcNow().UtcTicks;
        if (_seen.Count >= capacity)
        {
            Prune(now);
        }

        var expiry = now + _keep.Ticks;
        var added = true;
        _seen.AddOrUpdate(interactionId, expiry, (_, previous) =>
        {
            // An id whose record has expired may be seen again (it would fail the signature window anyway).
            added = previous < now;
            return added ? expiry : previous;
        });
        return added;
    }

    public int Count => _seen.Count;

    private void Prune(long now)
    {
        lock (_pruning)
        {
            if (_seen.Count < capacity)
            {
                return;
            }

            foreach (var (id, expiry) in _seen)
            {
                if (expiry < now)
                {
                    _seen.TryRemove(id, out _);
                }
            }

            // Still full of live ids (a flood): the oldest half goes, keeping the newest.
            if (_seen.Count >= capacity)
            {
                foreach (var (id, _) in _seen.OrderBy(e => e.Value).Take(_seen.Count / 2).ToList())
                {
                    _seen.TryRemove(id, out _);
                }
            }
        }
    }
}
