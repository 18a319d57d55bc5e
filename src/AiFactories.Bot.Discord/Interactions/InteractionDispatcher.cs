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
public sealed partial class InteractionDispatcher(
    CommandRegistry registry,
    IServiceScopeFactory scopes,
    ILogger<InteractionDispatcher> logger,
    UserRateLimiter? limiter = null,
    IInteractionTexts? texts = null,
    Microsoft.Extensions.Options.IOptions<DiscordOptions>? options = null)
{
    private readonly int _maxInFlight = Math.Max(1, options?.Value.MaxInFlight ?? 64);
    private int _inFlight;

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

        var name = interaction.Data?.Name ?? CustomIdPrefix(interaction.Data?.CustomId);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (limiter?.Check(interaction) is { } slowDown)
        {
            DiscordMetrics.Interaction(interaction.Type, name, "rate_limited", started);
            return slowDown;
        }

        // Beyond the bound, a quick "busy" now serves people better than an answer after the deadline.
        if (Interlocked.Increment(ref _inFlight) > _maxInFlight)
        {
            Interlocked.Decrement(ref _inFlight);
            DiscordMetrics.Interaction(interaction.Type, name, "shed", started);
            return interaction.Type == InteractionType.ApplicationCommandAutocomplete
                ? InteractionResponse.Choices([])
                : InteractionResponse.Ephemeral(_texts.Busy(interaction.Locale));
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var context = new InteractionContext(interaction, scope.ServiceProvider);
            try
            {
                var response = interaction.Type switch
                {
                    InteractionType.ApplicationCommand => await CommandAsync(context, cancellationToken),
                    InteractionType.ApplicationCommandAutocomplete => await AutocompleteAsync(context, cancellationToken),
                    // A modal's submission is found by its custom_id, like a button's click.
                    _ => await ComponentAsync(context, cancellationToken),
                };
                DiscordMetrics.Interaction(interaction.Type, name, context.Outcome ?? "ok", started);
                LogHandled(logger, interaction.Type, name, context.Outcome ?? "ok", System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return DiscordLimits.Enforce(response);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                LogHandlerFailed(logger, e, interaction.Type, name, interaction.Id);
                DiscordMetrics.Interaction(interaction.Type, name, "failed", started);
                return interaction.Type == InteractionType.ApplicationCommandAutocomplete
                    ? InteractionResponse.Choices([])
                    : InteractionResponse.Ephemeral(_texts.Apology(interaction.Locale));
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>How many interactions are being answered now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    // A button's custom_id carries state after its prefix ("search:2:terms"): only the prefix names it.
    private static string? CustomIdPrefix(string? customId) => customId is null ? null : customId.Split(':', 2)[0];

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

    // No user ids and no question text: what was run and how it went.
    [LoggerMessage(Level = LogLevel.Information, Message = "{Type} '{Name}': {Outcome} in {Milliseconds:0.0} ms")]
    private static partial void LogHandled(ILogger logger, InteractionType type, string? name, string outcome, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handler failed for {Type} '{Name}' (interaction {InteractionId})")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, InteractionType type, string? name, string interactionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No handler for '{Name}' (interaction {InteractionId})")]
    private static partial void LogUnknownCommand(ILogger logger, string? name, string interactionId);
}
