using System.Diagnostics.CodeAnalysis;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Rest;
using AiFactories.Bot.Discord.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Discord;

public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Discord wire layer: options from "Discord", the command registry and dispatcher,
    /// signature verification and the REST client. Commands and component handlers are registered
    /// by the bot with <see cref="AddInteractionCommand{T}"/> and <see cref="AddComponentHandler{T}"/>.
    /// </summary>
    public static IServiceCollection AddDiscord(this IServiceCollection services)
    {
        services.AddOptions<DiscordOptions>().BindConfiguration(DiscordOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CommandRegistry>();
        services.TryAddSingleton<DeferredReplies>();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section);
        services.TryAddSingleton<IInteractionTexts, EnglishInteractionTexts>();
        services.TryAddSingleton<UserRateLimiter>();
        services.TryAddSingleton<InteractionDispatcher>();
        services.TryAddSingleton<RateLimitState>();
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<DiscordOptions>>().Value;
            return new SignatureVerifier(options.PublicKey ?? string.Empty, TimeSpan.FromSeconds(options.SignatureWindowSeconds), provider.GetRequiredService<TimeProvider>());
        });

        services.TryAddSingleton(provider => new ReplayGuard(
            provider.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<DiscordOptions>>().Value.SignatureWindowSeconds)));

        // No HTTP logging handlers: nothing may ever write the Authorization header to a log.
        services.AddHttpClient<DiscordRestClient>().RemoveAllLoggers();
        services.TryAddTransient<IDiscordRest>(provider => provider.GetRequiredService<DiscordRestClient>());
        return services;
    }

    /// <summary>The gateway mode: shards over WebSockets, events to the registered <see cref="Gateway.IGatewayEventSink"/>.</summary>
    public static IServiceCollection AddDiscordGateway(this IServiceCollection services)
    {
        // The router is a hosted service registered before the gateway, so that it stops after it:
        // first no new events, then the answers in flight are finished.
        services.AddHostedService(provider => provider.GetRequiredService<Gateway.GatewayInteractionRouter>());
        services.TryAddSingleton<Gateway.IGatewayTransportFactory, Gateway.WebSocketTransportFactory>();
        services.TryAddSingleton<Gateway.IdentifyGate>();
        services.TryAddSingleton<Gateway.GatewayInteractionRouter>();
        services.TryAddSingleton<Gateway.IGatewayEventSink>(provider => provider.GetRequiredService<Gateway.GatewayInteractionRouter>());
        services.AddSingleton<Gateway.GatewayService>();
        services.AddHostedService(provider => provider.GetRequiredService<Gateway.GatewayService>());
        return services;
    }

    public static IServiceCollection AddInteractionCommand<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IServiceCollection services)
        where T : class, IInteractionCommand
    {
        services.AddSingleton<IInteractionCommand, T>();
        return services;
    }

    /// <summary>What answers a message that mentions the bot in gateway mode (one per bot).</summary>
    public static IServiceCollection AddMentionHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IServiceCollection services)
        where T : class, Gateway.IMentionHandler
    {
        services.AddSingleton<Gateway.IMentionHandler, T>();
        return services;
    }

    public static IServiceCollection AddComponentHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IServiceCollection services)
        where T : class, IComponentHandler
    {
        services.AddSingleton<IComponentHandler, T>();
        return services;
    }
}
