using AiFactories.Bot.Discord;
using AiFactories.Bot.Discord.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace AiFactories.Bot.Hosting;

/// <summary>
/// The gateway host (`gateway`): the same commands and dispatcher as HTTP mode over another
/// transport, and the only host of its process. A small listener at Health:Urls (loopback by
/// default) serves /healthz/live, /healthz/ready (the index is loaded and every shard's session is
/// ready) and /metrics, for supervisors and Prometheus.
/// </summary>
public static class GatewayHost
{
    public static IHost Create(IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? configureServices = null)
    {
        var contentRoot = BotHost.ContentRoot(settings);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = contentRoot, Args = [] });
        builder.Configuration.Sources.Clear();
        BotHost.AddConfiguration(builder.Configuration, contentRoot, settings);
        var health = builder.Configuration.GetSection(HealthOptions.Section).Get<HealthOptions>() ?? new HealthOptions();
        builder.WebHost.UseUrls(health.Enabled ? health.Urls : "http://127.0.0.1:0");
        BotHost.AddServing(builder, contentRoot);
        builder.Services.RequireDiscordSettings(nameof(DiscordOptions.BotToken));
        builder.Services.AddDiscordGateway();
        builder.Services.AddHealthChecks().AddCheck<GatewaySessionCheck>("gateway", tags: [BotHealth.Ready]);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        if (health.Enabled)
        {
            app.MapBotHealth();
        }

        return app;
    }

    /// <summary>Ready when every shard this process runs has a session (Ready or Resumed).</summary>
    private sealed class GatewaySessionCheck(GatewayService gateway) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(gateway.Fatal is { } fatal ? HealthCheckResult.Unhealthy(fatal)
                : gateway.Ready ? HealthCheckResult.Healthy("every shard's session is ready")
                : HealthCheckResult.Unhealthy("the gateway session is not ready"));
    }
}
