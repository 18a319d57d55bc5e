using AiFactories.Bot.Discord.Messages;
using AiFactories.Bot.Discord.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiFactories.Bot.Discord.Interactions;

/// <summary>An interaction type this bot does not handle; the HTTP endpoint answers it 400.</summary>
public sealed class UnsupportedInteractionException(InteractionType type) : Exception($"unsupported interaction type {(int)type}");

/// <summary>
/// Routes an interaction to its handler in a DI scope of its own and returns the response, with
/// Discord's limits enforced. The same dispatcher serves every transport.
/// </summary>
public sealed partial class InteractionDispatcher(CommandRegistry registry, IServiceScopeFactory scopes, ILogger<InteractionDispatcher> logger, UserRateLimiter? limiter = null, IInteractionTexts? texts = null)
{
    public const string Apology = EnglishInteractionTexts.ApologyText;
    public const string UnknownCommand = EnglishInteractionTexts.UnknownCommandText;

    private readonly IInteractionTexts _texts = texts ?? new EnglishInteractionTexts();

    public async ValueTask<InteractionResponse> DispatchAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        if (interaction.Type == InteractionType.Ping)
        {
            return InteractionResponse.Pong;
        }

        if (!Enum.IsDefined(interaction.Type))
        {
            throw new UnsupportedInteractionException(interaction.Type);
        }

        if (limiter?.Check(interaction) is { } slowDown)
        {
            return slowDown;
        }

        await using var scope = scopes.CreateAsyncScope();
        var context = new InteractionContext(interaction, scope.ServiceProvider);
        try
        {
            var response = interaction.Type switch
            {
                InteractionType.ApplicationCommand => await CommandAsync(context, cancellationToken),
                InteractionType.ApplicationCommandAutocomplete => await AutocompleteAsync(context, cancellationToken),
                InteractionType.MessageComponent => await ComponentAsync(context, cancellationToken),
                _ => InteractionResponse.Ephemeral("Sorry, this bot does not use forms."),
            };
            return DiscordLimits.Enforce(response);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            LogHandlerFailed(logger, e, interaction.Type, interaction.Data?.Name ?? interaction.Data?.CustomId, interaction.Id);
            return interaction.Type == InteractionType.ApplicationCommandAutocomplete
                ? InteractionResponse.Choices([])
                : InteractionResponse.Ephemeral(_texts.Apology(interaction.Locale));
        }
    }

    private async ValueTask<InteractionResponse> CommandAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var data = context.Interaction.Data;
        var command = registry.FindCommand(data?.Name, data?.Type);
        if (command is null)
        {
            LogUnknownCommand(logger, data?.Name, context.Interaction.Id);
            return InteractionResponse.Ephemeral(_texts.UnknownCommand(context.Interaction.Locale));
        }

        return await command.ExecuteAsync(context, cancellationToken);
    }

    private async ValueTask<InteractionResponse> AutocompleteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var data = context.Interaction.Data;
        var command = registry.FindCommand(data?.Name, data?.Type);
        if (command is null || context.Focused is not { } focused)
        {
            return InteractionResponse.Choices([]);
        }

        return InteractionResponse.Choices(await command.AutocompleteAsync(context, focused, cancellationToken));
    }

    private async ValueTask<InteractionResponse> ComponentAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        if (registry.FindComponent(context.Interaction.Data?.CustomId) is not { } found)
        {
            LogUnknownCommand(logger, context.Interaction.Data?.CustomId, context.Interaction.Id);
            return InteractionResponse.Ephemeral(_texts.UnknownCommand(context.Interaction.Locale));
        }

        return await found.Handler.HandleAsync(context, found.Argument, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Handler failed for {Type} '{Name}' (interaction {InteractionId})")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, InteractionType type, string? name, string interactionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No handler for '{Name}' (interaction {InteractionId})")]
    private static partial void LogUnknownCommand(ILogger logger, string? name, string interactionId);
}
