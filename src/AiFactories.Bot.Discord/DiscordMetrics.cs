using System.Diagnostics;
using System.Diagnostics.Metrics;
using AiFactories.Bot.Discord.Models;

namespace AiFactories.Bot.Discord;

/// <summary>
/// The wire layer's measures, on a System.Diagnostics.Metrics meter any exporter can read
/// (the bot exports them in Prometheus format): interactions by command and outcome, their time,
/// replays refused.
/// </summary>
public static class DiscordMetrics
{
    public const string MeterName = "AiFactories.Bot.Discord";

    public static Meter Meter { get; } = new(MeterName);

    private static readonly Counter<long> Interactions = Meter.CreateCounter<long>(
        "aifactories.interactions", description: "Interactions handled, by type, command and outcome (answered, not_answered, ok, rate_limited, shed, failed)");

    // From a tenth of a millisecond (a PING, a cached answer) to past Discord's 3 s deadline for the
    // first response, which is a boundary of its own: the exporters' default boundaries are made for
    // milliseconds and would put nearly every interaction in the first bucket.
    private static readonly Histogram<double> InteractionSeconds = Meter.CreateHistogram<double>(
        "aifactories.interaction.duration", unit: "s", description: "Time from an interaction's arrival at the dispatcher to its response", tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10] });

    private static readonly Counter<long> Replays = Meter.CreateCounter<long>(
        "aifactories.interactions.replayed", description: "Signed interactions refused because their id was already answered");

    public static void Interaction(InteractionType type, string? command, string outcome, long startedTimestamp)
    {
        var tags = new TagList
        {
            { "type", TypeName(type) },
            { "command", command is { Length: > 0 and <= 40 } ? command : "-" },
            { "outcome", outcome },
        };
        Interactions.Add(1, tags);
        InteractionSeconds.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, tags);
    }

    public static void Replayed() => Replays.Add(1);

    private static readonly Counter<long> GatewaySessions = Meter.CreateCounter<long>(
        "aifactories.gateway.sessions", description: "Gateway session events by kind (ready, resumed, reconnect_resume, reconnect_identify)");

    private static readonly Counter<long> RestCalls = Meter.CreateCounter<long>(
        "aifactories.rest.requests", description: "REST requests to Discord by method and status (429 included)");

    public static void GatewaySession(string kind) => GatewaySessions.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public static void RestCall(string method, int status) =>
        RestCalls.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("status", status.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static string TypeName(InteractionType type) => type switch
    {
        InteractionType.Ping => "ping",
        InteractionType.ApplicationCommand => "command",
        InteractionType.MessageComponent => "component",
        InteractionType.ApplicationCommandAutocomplete => "autocomplete",
        InteractionType.ModalSubmit => "modal",
        _ => "other",
    };
}
