using System.Diagnostics.Metrics;
using AiFactories.Bot.Answering;

namespace AiFactories.Bot.Feedback;

/// <summary>What the feedback writer did with the events it was given, on the bot's meter.</summary>
internal static class FeedbackMetrics
{
    public const string Full = "full";
    public const string StoreFailed = "store_failed";
    public const string StoreUnavailable = "store_unavailable";

    private static readonly Counter<long> Written = BotMetrics.Meter.CreateCounter<long>(
        "aifactories.feedback.written", description: "Feedback events (answers and votes) written to the store");

    private static readonly Counter<long> Dropped = BotMetrics.Meter.CreateCounter<long>(
        "aifactories.feedback.dropped", description: "Feedback events dropped, by reason (full: the buffer was full; store_failed: a write failed; store_unavailable: the store could not be opened)");

    public static void Wrote(int count) => Written.Add(count);

    public static void Drop(string reason, int count = 1) => Dropped.Add(count, new KeyValuePair<string, object?>("reason", reason));
}
