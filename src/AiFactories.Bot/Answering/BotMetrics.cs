using System.Diagnostics.Metrics;

namespace AiFactories.Bot.Answering;

/// <summary>
/// The bot's own measures (System.Diagnostics.Metrics; exported in Prometheus format by `serve` and
/// by the gateway's health listener): answers by outcome and language, answer time, reloads, and
/// what the loaded corpus holds.
/// </summary>
public static class BotMetrics
{
    public const string MeterName = "AiFactories.Bot";

    public static Meter Meter { get; } = new(MeterName);

    private static readonly Counter<long> Answers = Meter.CreateCounter<long>(
        "aifactories.answers", description: "Questions answered, by outcome (answered, not_answered, refused) and reply language");

    // Answers take tens of microseconds to a few milliseconds: the exporters' default boundaries
    // (0, 5, 10, 25 ... 10000, made for milliseconds) would put every one of them in the first bucket.
    private static readonly Histogram<double> AnswerSeconds = Meter.CreateHistogram<double>(
        "aifactories.answer.duration", unit: "s", description: "Time to read a question and compose its answer", tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] });

    private static readonly Counter<long> CachedAnswers = Meter.CreateCounter<long>(
        "aifactories.answers.cached", description: "Questions answered from the answer cache (asked again in the same locale), not composed again");

    /// <param name="outcome">answered, not_answered or refused.</param>
    /// <param name="language">The reply's language.</param>
    /// <param name="took">How long reading and composing (or refusing) took; null for an answer from the cache, which is counted apart.</param>
    public static void Answer(string outcome, string language, TimeSpan? took)
    {
        Answers.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("language", language));
        if (took is { } composing)
        {
            AnswerSeconds.Record(composing.TotalSeconds);
        }
        else
        {
            CachedAnswers.Add(1);
        }
    }

    // The knowledge of the host being measured: one per process in production (tests start several).
    private static KnowledgeProvider? _knowledge;

    static BotMetrics()
    {
        Meter.CreateObservableGauge("aifactories.corpus.sites", () => Summary()?.Sites ?? 0, description: "Site records loaded (AI Factories and antennas)");
        Meter.CreateObservableGauge("aifactories.corpus.sentences", () => Summary()?.Sentences ?? 0, description: "Evidence sentences indexed");
        Meter.CreateObservableGauge("aifactories.corpus.documents", () => Summary()?.Documents ?? 0, description: "Documents loaded");
    }

    /// <summary>Makes the corpus gauges read this host's knowledge.</summary>
    public static void ObserveCorpus(KnowledgeProvider knowledge) => Volatile.Write(ref _knowledge, knowledge);

    private static Knowledge.KnowledgeSummary? Summary() => Volatile.Read(ref _knowledge) is { IsLoaded: true } knowledge ? knowledge.Current.Summary : null;
}
