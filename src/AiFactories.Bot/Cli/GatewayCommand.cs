using AiFactories.Bot.Commands;
using AiFactories.Bot.Discord;
using AiFactories.Bot.Discord.Gateway;
using AiFactories.Bot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Cli;

/// <summary>`gateway`: connects out to Discord's gateway; only Discord:BotToken is needed.</summary>
internal sealed class GatewayCommand : ICliCommand
{
    public bool NeedsDiscord => true;

    public string Name => "gateway";

    public string Usage => "gateway                        run the bot over Discord's gateway (no public URL needed; answers mentions too)";

    public async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        if (args.Count > 0)
        {
            throw new UsageException("gateway takes no arguments; configure it with Discord:* settings");
        }

        var options = context.Services.GetRequiredService<IOptions<DiscordOptions>>().Value;
        ServeCommand.RequireSettings(options, nameof(DiscordOptions.BotToken));
        _ = context.Knowledge.Current;

        using var host = Create(context.Overrides);
        var gateway = host.Services.GetRequiredService<GatewayService>();
        await host.RunAsync();
        var fatal = gateway.Fatal;
        if (fatal is not null)
        {
            await context.Error.WriteLineAsync($"error: {fatal}");
            return CommandLine.Failed;
        }

        return CommandLine.Ok;
    }

    /// <summary>The gateway host: the same commands and dispatcher as HTTP mode, another transport.</summary>
    public static IHost Create(IReadOnlyDictionary<string, string?>? settings)
    {
        var builder = BotHost.CreateBuilder(settings, discord: true, logToStandardError: false);
        builder.Services.AddHostedService<KnowledgeWarmup>();
        builder.Services.AddHostedService<ReloadSignal>();

        // The router is registered before the gateway so that it stops after it: first no new
        // events, then the answers in flight are finished.
        builder.Services.AddSingleton<GatewayEventRouter>();
        builder.Services.AddSingleton<IGatewayEventSink>(p => p.GetRequiredService<GatewayEventRouter>());
        builder.Services.AddHostedService(p => p.GetRequiredService<GatewayEventRouter>());
        builder.Services.AddDiscordGateway();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        return builder.Build();
    }
}
