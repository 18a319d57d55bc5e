using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Messages;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Discord.Rest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Discord.Gateway;

/// <summary>
/// Gateway events to answers: INTERACTION_CREATE goes through the same dispatcher as HTTP and is
/// answered with the interaction callback; a message that mentions the bot goes to the
/// <see cref="IMentionHandler"/> and its reply is posted. Each interaction is answered once, even when
/// a resume replays it. On shutdown no new event is taken and the answers in flight are finished.
/// </summary>
public sealed partial class GatewayInteractionRouter(
    InteractionDispatcher dispatcher,
    IDiscordRest rest,
    IMentionHandler mentions,
    IOptions<DiscordOptions> options,
    TimeProvider clock,
    ILogger<GatewayInteractionRouter> logger) : IGatewayEventSink, IHostedService
{
    private const int RememberedInteractions = 10_000;

    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _seenOrder = new();
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastAnswerInChannel = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    public ValueTask OnDispatchAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        if (_stopping.IsCancellationRequested)
        {
            return ValueTask.CompletedTask;
        }

        switch (dispatch.Name)
        {
            case "INTERACTION_CREATE":
                var interaction = Read(dispatch, DiscordJsonContext.Default.Interaction);
                if (interaction is not null && (string.IsNullOrEmpty(interaction.Id) || string.IsNullOrEmpty(interaction.Token)))
                {
                    // "id": null reads as a null id: without an id and a token there is nothing to answer.
                    LogDropped(logger, dispatch.Name, dispatch.Sequence, "no id or no token");
                }
                else if (interaction is not null && Remember(interaction.Id))
                {
                    // Off the receive loop: heartbeat ACKs must never wait behind answers.
                    Track(Task.Run(() => AnswerInteractionAsync(interaction)));
                }

                break;
            case "MESSAGE_CREATE":
                var message = Read(dispatch, DiscordJsonContext.Default.GatewayMessage);
                if (message is { Id.Length: > 0, ChannelId.Length: > 0 } && dispatch.SelfUserId is { } self && IsQuestionForMe(message, self) && InMentionChannel(message.ChannelId))
                {
                    Track(Task.Run(() => AnswerMentionAsync(message, self)));
                }

                break;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The event's data as <typeparamref name="T"/>; null, logged, when its fields cannot be read (the event is dropped).</summary>
    private T? Read<T>(GatewayDispatch dispatch, JsonTypeInfo<T> type)
        where T : class
    {
        if (dispatch.Data.ValueKind != JsonValueKind.Object)
        {
            LogDropped(logger, dispatch.Name, dispatch.Sequence, "its data is not an object");
            return null;
        }

        try
        {
            return dispatch.Data.Deserialize(type);
        }
        catch (JsonException e)
        {
            // The message names the field (its JSON path), never its value: no token reaches the log.
            LogDropped(logger, dispatch.Name, dispatch.Sequence, e.Message);
            return null;
        }
    }

    private bool Remember(string interactionId)
    {
        if (!_seen.TryAdd(interactionId, 0))
        {
            return false;
        }

        _seenOrder.Enqueue(interactionId);
        while (_seenOrder.Count > RememberedInteractions && _seenOrder.TryDequeue(out var old))
        {
            _seen.TryRemove(old, out _);
        }

        return true;
    }

    /// <summary>Discord:MentionChannels, when set, limits mention answers to those channels (DMs included only if listed).</summary>
    private bool InMentionChannel(string channelId) =>
        options.Value.MentionChannels is not { Length: > 0 } channels
        || channels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(channelId, StringComparer.Ordinal);

    private static bool IsQuestionForMe(GatewayMessage message, string self) =>
        message.Author is { Bot: not true } author
        && author.Id != self
        && message.WebhookId is null
        && message.Mentions?.Any(m => m?.Id == self) == true;

    private void Track(Task task)
    {
        _inFlight.TryAdd(task, 0);
        _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task AnswerInteractionAsync(Interaction interaction)
    {
        try
        {
            var response = await dispatcher.DispatchAsync(interaction, CancellationToken.None);
            await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token!, response, CancellationToken.None);
        }
        catch (UnsupportedInteractionException e)
        {
            LogNotAnswered(logger, "interaction", interaction.Id, e.Message);
        }
        catch (Exception e) when (e is DiscordRestException or HttpRequestException or TaskCanceledException)
        {
            LogNotAnswered(logger, "interaction", interaction.Id, e.Message);
        }
        catch (Exception e)
        {
            // An interaction with odd fields must not fail silently on a background task.
            LogInteractionFailed(logger, e, interaction.Id);
        }
    }

    private async Task AnswerMentionAsync(GatewayMessage message, string self)
    {
        var now = clock.GetUtcNow();
        var cooldown = TimeSpan.FromSeconds(options.Value.MentionCooldownSeconds);
        var last = _lastAnswerInChannel.GetOrAdd(message.ChannelId, DateTimeOffset.MinValue);
        if (now - last < cooldown || !_lastAnswerInChannel.TryUpdate(message.ChannelId, now, last))
        {
            LogCooldown(logger, message.ChannelId);
            return;
        }

        var text = MentionPattern().Replace(message.Content ?? string.Empty, " ").Trim();
        try
        {
            var data = DiscordLimits.Enforce(await mentions.AnswerAsync(message, text, CancellationToken.None));
            await rest.CreateMessageAsync(message.ChannelId, new CreateMessage
            {
                Content = data.Content,
                Embeds = data.Embeds,
                Components = data.Components,
                AllowedMentions = new AllowedMentions { Parse = [], RepliedUser = true },
                MessageReference = new MessageReference { MessageId = message.Id, ChannelId = message.ChannelId, GuildId = message.GuildId, FailIfNotExists = false },
            }, CancellationToken.None);
        }
        catch (Exception e) when (e is DiscordRestException or HttpRequestException or TaskCanceledException)
        {
            LogNotAnswered(logger, "mention", message.Id, e.Message);
        }
        catch (Exception e)
        {
            LogMentionFailed(logger, e, message.Id);
        }
    }

    [GeneratedRegex(@"<@!?\d+>")]
    private static partial Regex MentionPattern();

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stops taking events and waits for the answers in flight.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_inFlight.Keys).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            LogAbandoned(logger, _inFlight.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {EventName} (sequence {Sequence}): {Reason}")]
    private static partial void LogDropped(ILogger logger, string eventName, long? sequence, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not answer {Kind} {Id}: {Reason}")]
    private static partial void LogNotAnswered(ILogger logger, string kind, string id, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering interaction {Id} failed")]
    private static partial void LogInteractionFailed(ILogger logger, Exception exception, string id);

    [LoggerMessage(Level = LogLevel.Error, Message = "The mention handler failed for message {Id}")]
    private static partial void LogMentionFailed(ILogger logger, Exception exception, string id);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Mention in channel {ChannelId} ignored: cooldown")]
    private static partial void LogCooldown(ILogger logger, string channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown: {Count} answers did not finish in time")]
    private static partial void LogAbandoned(ILogger logger, int count);
}
