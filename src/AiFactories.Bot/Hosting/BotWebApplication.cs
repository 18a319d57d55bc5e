using AiFactories.Bot.Discord;
using AiFactories.Bot.Discord.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiFactories.Bot.Hosting;

/// <summary>
/// The HTTP interactions server (`serve`): Kestrel with POST /interactions, the health endpoints
/// (/healthz, /healthz/live, /healthz/ready) and /metrics; the only host of its process.
/// </summary>
public static partial class BotWebApplication
{
    public const string DefaultUrls = "http://localhost:8080";

    public static WebApplication Create(IReadOnlyDictionary<string, string?>? settings, string? urls, Action<IServiceCollection>? configureServices = null)
    {
        var contentRoot = BotHost.ContentRoot(settings);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = contentRoot, Args = [] });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddEnvironmentVariables("ASPNETCORE_");
        BotHost.AddConfiguration(builder.Configuration, contentRoot, settings, urls);
        builder.WebHost.UseUrls(urls ?? builder.Configuration["Urls"] ?? DefaultUrls);
        BotHost.AddServing(builder, contentRoot);
        builder.Services.RequireDiscordSettings(nameof(DiscordOptions.ApplicationId), nameof(DiscordOptions.PublicKey));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapDiscordInteractions();
        app.MapBotHealth();
        app.Lifetime.ApplicationStarted.Register(() => LogListening(
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(BotHost.StartupCategory),
            string.Join(", ", app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [])));
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening on {Addresses}: POST /interactions, GET /healthz/live, /healthz/ready, /metrics")]
    private static partial void LogListening(ILogger logger, string addresses);
}
