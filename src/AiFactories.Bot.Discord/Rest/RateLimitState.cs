using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;

namespace AiFactories.Bot.Discord.Rest;

/// <summary>
/// What Discord's rate-limit headers said: which bucket each route is in, how many requests the
/// bucket has left and when it resets, and any global block. Limits are never hard-coded.
/// </summary>
public sealed class RateLimitState
{
    private readonly ConcurrentDictionary<string, string> _bucketOfRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private DateTimeOffset _globalUntil = DateTimeOffset.MinValue;

    private sealed class Bucket
    {
        public int Remaining { get; set; } = 1;

        public DateTimeOffset ResetAt { get; set; } = DateTimeOffset.MinValue;
    }

    /// <summary>Waits while the route's bucket is used up, or a global limit holds.</summary>
    public async Task WaitAsync(string route, TimeProvider clock, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = clock.GetUtcNow();
            var until = DateTimeOffset.MinValue;
            lock (_gate)
            {
                if (_globalUntil > now)
                {
                    until = _globalUntil;
                }
                else if (_buckets.TryGetValue(Key(route), out var bucket) && bucket.ResetAt > now)
                {
                    if (bucket.Remaining > 0)
                    {
                        bucket.Remaining--;
                        return;
                    }

                    until = bucket.ResetAt;
                }
                else
                {
                    return;
                }
            }

            await Task.Delay(until - now, clock, cancellationToken);
        }
    }

    /// <summary>Takes in the X-RateLimit headers of a response.</summary>
    public void Update(string route, HttpResponseHeaders headers, TimeProvider clock)
    {
        if (headers.TryGetValues("X-RateLimit-Bucket", out var ids) && ids.FirstOrDefault() is { Length: > 0 } id)
        {
            _bucketOfRoute[route] = id;
        }

        if (!TryNumber(headers, "X-RateLimit-Remaining", out var remaining) || !TryNumber(headers, "X-RateLimit-Reset-After", out var resetAfter))
        {
            return;
        }

        lock (_gate)
        {
            var bucket = _buckets.GetOrAdd(Key(route), _ => new Bucket());
            bucket.Remaining = (int)remaining;
            bucket.ResetAt = clock.GetUtcNow() + TimeSpan.FromSeconds(resetAfter);
        }
    }

    /// <summary>Blocks a route (or everything, for a global limit) until a time, after a 429.</summary>
    public void Block(string? route, DateTimeOffset until)
    {
        lock (_gate)
        {
            if (route is null)
            {
                _globalUntil = until;
                return;
            }

            var bucket = _buckets.GetOrAdd(Key(route), _ => new Bucket());
            bucket.Remaining = 0;
            bucket.ResetAt = until;
        }
    }

    private string Key(string route) => _bucketOfRoute.TryGetValue(route, out var bucket) ? bucket + " " + route : route;

    private static bool TryNumber(HttpResponseHeaders headers, string name, out double value)
    {
        value = 0;
        return headers.TryGetValues(name, out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
