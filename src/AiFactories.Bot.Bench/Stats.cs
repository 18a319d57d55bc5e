using System.Diagnostics;

namespace AiFactories.Bot.Bench;

/// <summary>Latency samples in microseconds, with percentiles.</summary>
public sealed class Stats
{
    private readonly List<double> _samples = [];

    public int Count => _samples.Count;

    public void Add(double microseconds) => _samples.Add(microseconds);

    public void Add(long startTimestamp) => _samples.Add(Stopwatch.GetElapsedTime(startTimestamp).TotalMicroseconds);

    public double Percentile(double p)
    {
        if (_samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _samples.Order().ToList();
        var rank = Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1);
        return sorted[rank];
    }

    public double P50 => Percentile(50);

    public double P99 => Percentile(99);

    public double Mean => _samples.Count == 0 ? double.NaN : _samples.Average();
}
