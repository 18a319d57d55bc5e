using System.Collections.Concurrent;

namespace AiFactories.Bot.Knowledge.Text;

/// <summary>
/// Results of a pure function of a string (the analysis of a text, the reading of a word, a term's
/// postings), kept once computed: questions repeat their words. Kept up to a bound, so that a flood
/// of made-up words cannot grow memory without end; past it, results are computed each time. Safe
/// between threads.
/// </summary>
internal sealed class BoundedMemo<TValue>(Func<string, TValue> compute, int capacity = BoundedMemo<TValue>.DefaultCapacity)
{
    public const int DefaultCapacity = 50_000;

    private readonly ConcurrentDictionary<string, TValue> _values = new(StringComparer.Ordinal);

    public TValue this[string key]
    {
        get
        {
            if (_values.TryGetValue(key, out var known))
            {
                return known;
            }

            var value = compute(key);
            if (_values.Count < capacity)
            {
                _values.TryAdd(key, value);
            }

            return value;
        }
    }
}
