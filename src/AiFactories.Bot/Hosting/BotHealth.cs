using AiFactories.Bot.Answering;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;

namespace AiFactories.Bot.Hosting;

/// <summary>
/// Health and metrics, the same in `serve` and in the gateway's listener: /healthz/live (the process
/// answers), /healthz/ready (ready to answer: the index is loaded, and in gateway mode the session is
/// ready), /healthz (counts and the last reload, for people), /metrics (Prometheus text format).
/// </summary>
public static class BotHealth
{
    public const string Live = "live";
    public const string Ready = "ready";

    public static IServiceCollection AddBotHealthChecks(this IServiceCollection services)
    {
        // The bot's meters, the runtime's (GC, memory, thread pool) and the HTTP server's.
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(BotMetrics.MeterName, Discord.DiscordMetrics.MeterName, "System.Runtime", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddView(instrument => new MetricStreamConfiguration { Name = ExportedName(instrument.Name), CardinalityLimit = SeriesPerMetric })
            .AddPrometheusExporter());
        services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("answering"), tags: [Live])
            .AddCheck<CorpusHealthCheck>("corpus", tags: [Ready]);
        return services;
    }

    /// <summary>
    /// The label combinations kept per metric (more are counted in one overflow series). The bot's
    /// metrics have a few dozen at most. OpenTelemetry's default of 2,000 points is allocated up front
    /// for each of the 30-odd metrics: 7 MB of the native `serve`'s start, and a collection before the
    /// corpus was even loaded.
    /// </summary>
    internal const int SeriesPerMetric = 200;

    /// <summary>
    /// Three runtime gauges end in ".count", which Prometheus keeps for histograms and summaries
    /// (promtool flags them): exported under names that say what they count. Null keeps the name.
    /// </summary>
    private static string? ExportedName(string instrument) => instrument switch
    {
        "dotnet.assembly.count" => "dotnet.assemblies.loaded",
        "dotnet.process.cpu.count" => "dotnet.process.cpus",
        "dotnet.timer.count" => "dotnet.timers.active",
        _ => null,
    };

    public static void MapBotHealth(this IEndpointRouteBuilder endpoints)
    {
        BotMetrics.ObserveCorpus(endpoints.ServiceProvider.GetRequiredService<KnowledgeProvider>());

        // The meter provider starts listening when it is created: now, not at the first scrape.
        _ = endpoints.ServiceProvider.GetService<MeterProvider>();
        endpoints.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Live) });
        endpoints.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        endpoints.MapGet("/healthz", (KnowledgeProvider knowledge) =>
        {
            if (!knowledge.IsLoaded)
            {
                return Results.Json(new Health("loading", 0, 0, 0, null, null), HealthJsonContext.Default.Health, statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            var summary = knowledge.Current.Summary;
            var last = knowledge.LastReload;
            var status = last is { Reloaded: false } ? "degraded" : "ok";
            return Results.Json(
                new Health(status, summary.Documents, summary.Sites, summary.Sentences, summary.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), last),
                HealthJsonContext.Default.Health);
        });
        endpoints.MapPrometheusScrapingEndpoint("/metrics");
    }
}

/// <summary>Ready when the index is loaded; degraded (still serving) when the last reload was refused.</summary>
internal sealed class CorpusHealthCheck(KnowledgeProvider knowledge) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            !knowledge.IsLoaded ? HealthCheckResult.Unhealthy("the corpus is not loaded yet")
            : knowledge.LastReload is { Reloaded: false } failed ? HealthCheckResult.Degraded($"the last reload was refused: {failed.Problem}")
            : HealthCheckResult.Healthy("the index is loaded"));
}

/// <summary>What /healthz says: status, what is loaded, the date the knowledge runs to and the last reload.</summary>
public sealed record Health(string Status, int Documents, int Sites, int Sentences, string? KnowledgeAsOf, ReloadRecord? LastReload);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(
    PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
[System.Text.Json.Serialization.JsonSerializable(typeof(Health))]
internal sealed partial class HealthJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
