using AiFactories.Bot.Answering;
using AiFactories.Bot.Commands;
using AiFactories.Bot.Discord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiFactories.Bot.Hosting;

/// <summary>The gateway host (`gateway`): the same commands and dispatcher as HTTP mode over another transport, and the only host of its process.</summary>
public static class GatewayHost
{
    public static IHost Create(IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? configureServices = null)
    {
        var contentRoot = BotHost.ContentRoot(settings);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = contentRoot });
        BotHost.AddConfiguration(builder.Configuration, contentRoot, settings);
        BotHost.AddLogging(builder.Logging, builder.Configuration, toStandardError: false, longRunning: true);
        builder.Services.AddSystemd();
        builder.Services.AddKnowledgeServing();
        BotHost.AddContentRoot(builder.Services, contentRoot);
        builder.Services.AddBotCommands();
        builder.Services.RequireDiscordSettings(nameof(DiscordOptions.BotToken));
        builder.Services.AddDiscordGateway();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }
}
