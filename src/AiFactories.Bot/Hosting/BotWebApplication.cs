using AiFactories.Bot.Answering;
using AiFactories.Bot.Commands;
using AiFactories.Bot.Discord;
using AiFactories.Bot.Discord.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiFactories.Bot.Hosting;

/// <summary>The HTTP interactions server (`serve`): Kestrel with POST /interactions and GET /healthz, and the only host of its process.</summary>
public static class BotWebApplication
{
    public const string DefaultUrls = "http://localhost:8080";

    public static WebApplication Create(IReadOnlyDictionary<string, string?>? settings, string? urls, Action<IServiceCollection>? configureServices = null)
    {
        var contentRoot = BotHost.ContentRoot;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = contentRoot, Args = [] });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddEnvironmentVariables("ASPNETCORE_");
        BotHost.AddConfiguration(builder.Configuration, contentRoot, settings);
        builder.WebHost.UseUrls(urls ?? builder.Configuration["Urls"] ?? DefaultUrls);
        BotHost.AddLogging(builder.Logging, builder.Configuration, toStandardError: false);
        builder.Services.AddKnowledgeServing();
        builder.Services.AddBotCommands();
        builder.Services.RequireDiscordSettings(nameof(DiscordOptions.ApplicationId), nameof(DiscordOptions.PublicKey));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapDiscordInteractions();
        app.MapGet("/healthz", (KnowledgeProvider knowledge) =>
        {
            var summary = knowledge.Current.Summary;
            return Results.Json(new Health("ok", summary.Documents, summary.Sites, summary.Sentences), HealthJsonContext.Default.Health);
        });
        return app;
    }
}

public sealed record Health(string Status, int Documents, int Sites, int Sentences);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower)]
[System.Text.Json.Serialization.JsonSerializable(typeof(Health))]
internal sealed partial class HealthJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
