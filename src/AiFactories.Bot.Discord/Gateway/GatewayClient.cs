// One connection is one state machine (hello, identify or resume, heartbeats, dispatches, close); it reads best in one piece.
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace AiFactories.Bot.Discord.Gateway;

/// <summary>
/// One shard's gateway session: Hello, heartbeats (the first after a random part of the interval),
/// Identify or Resume, dispatch events, and every reconnect rule of the protocol: resume on op 7,
/// op 9 true, a drop and the resumable close codes; identify again on op 9 false, 4007 and 4009;
/// stop with a clear message on 4004 and 4010-4014; a missing heartbeat ACK is a zombie connection.
/// </summary>
public sealed partial class GatewayClient(
    GatewayShardSettings settings,
    IGatewayTransportFactory transports,
    IGatewayEventSink sink,
    IdentifyGate identifyGate,
    TimeProvider clock,
    ILogger<GatewayClient> logger)
{
    public const int MaxPayloadBytes = 4096;

    // Closing with 1000 or 1001 ends the session; any other code keeps it resumable.
    private const int ResumableCloseCode = 4900;

    private string? _sessionId;
    private Uri? _resumeUrl;
    private long _sequence = -1;

    public int ShardId => settings.ShardId;

    public string? SessionId => _sessionId;

    /// <summary>The last sequence number received, sent with heartbeats and resumes.</summary>
    public long? Sequence => Interlocked.Read(ref _sequence) is var s && s >= 0 ? s : null;

    /// <summary>Whether the shard's session is ready (Ready or Resumed received, connection open).</summary>
    public bool IsReady { get; private set; }

    /// <summary>The bot's own user id, from Ready.</summary>
    public string? UserId { get; private set; }

    private enum Outcome
    {
        Resume,
        Identify,
        Stopped,
    }

    /// <summary>Runs the session until <paramref name="stoppingToken"/> fires (then closes with 1000) or a fatal close.</summary>
    /// <exception cref="GatewayFatalException">The gateway refused the bot for good (token, shard, intents).</exception>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var backoff = settings.MinBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            var resume = _sessionId is not null && Sequence is not null;
            var url = WithQuery(resume ? _resumeUrl ?? settings.GatewayUrl : settings.GatewayUrl);
            var outcome = Outcome.Resume;
            var ready = false;
            await using (var transport = transports.Create())
            {
                try
                {
                    await transport.ConnectAsync(url, stoppingToken);
                    (outcome, ready) = await RunConnectionAsync(transport, resume, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    await CloseQuietlyAsync(transport, 1000, "shutting down");
                    return;
                }
                catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or IOException or HttpRequestException or TimeoutException or JsonException)
                {
                    LogConnectionFailed(logger, settings.ShardId, e.Message);
                    outcome = Outcome.Resume;
                }
            }

            IsReady = false;
            if (outcome == Outcome.Stopped)
            {
                return;
            }

            DiscordMetrics.GatewaySession(outcome == Outcome.Resume && _sessionId is not null ? "reconnect_resume" : "reconnect_identify");

            if (outcome == Outcome.Identify)
            {
                _sessionId = null;
                _resumeUrl = null;
                Interlocked.Exchange(ref _sequence, -1);
            }

            backoff = ready ? settings.MinBackoff : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, settings.MaxBackoff.Ticks));
            var delay = ready ? TimeSpan.Zero : TimeSpan.FromTicks((long)(backoff.Ticks * (0.5 + (Random.Shared.NextDouble() / 2))));
            LogReconnecting(logger, settings.ShardId, outcome == Outcome.Resume && _sessionId is not null ? "resume" : "identify", delay.TotalMilliseconds);
            try
            {
                await Task.Delay(delay, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<(Outcome Outcome, bool Ready)> RunConnectionAsync(IGatewayTransport transport, bool resume, CancellationToken stoppingToken)
    {
        var limiter = new GatewaySendLimiter(clock);
        using var sendLock = new SemaphoreSlim(1, 1);

        // Receives wait on `connection` alone: cancelling a pending WebSocket receive aborts the
        // socket, so a stop first sends the 1000 close and lets Discord's answer end the receive.
        using var connection = new CancellationTokenSource();
        using var work = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, connection.Token);
        using var stopping = stoppingToken.Register(() => _ = StopConnectionAsync());
        var ready = false;

        async Task StopConnectionAsync()
        {
            await CloseQuietlyAsync(transport, 1000, "shutting down");
            connection.CancelAfter(TimeSpan.FromSeconds(2));
        }

        async Task SendAsync(string json, CancellationToken cancellationToken)
        {
            if (Encoding.UTF8.GetByteCount(json) > MaxPayloadBytes)
            {
                throw new InvalidOperationException($"a gateway payload may be at most {MaxPayloadBytes} bytes");
            }

            await limiter.WaitAsync(cancellationToken);
            await sendLock.WaitAsync(cancellationToken);
            try
            {
                await transport.SendAsync(json, cancellationToken);
            }
            finally
            {
                sendLock.Release();
            }
        }

        using var helloTimeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        helloTimeout.CancelAfter(settings.HelloTimeout);
        GatewayFrame first;
        try
        {
            first = await transport.ReceiveAsync(helloTimeout.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            LogProtocol(logger, settings.ShardId, "no Hello in time");
            return (Outcome.Resume, false);
        }

        if (first.IsClose)
        {
            return (FromClose(first), false);
        }

        if (ReadHelloInterval(first.Text!) is not { } interval)
        {
            LogProtocol(logger, settings.ShardId, "the first payload was not a readable Hello");
            await CloseQuietlyAsync(transport, ResumableCloseCode, "expected hello");
            return (Outcome.Resume, false);
        }

        var acknowledged = 1;
        var heartbeat = HeartbeatAsync();

        // Identify (or resume) beside the receive loop, not before it: the identify slot can be
        // seconds away when many shards start, and heartbeat ACKs must be read meanwhile, or the
        // heartbeat takes the connection for a zombie and closes it.
        var opening = OpenSessionAsync();

        async Task HeartbeatAsync()
        {
            try
            {
                await Task.Delay(interval * Random.Shared.NextDouble(), clock, work.Token);
                while (!work.Token.IsCancellationRequested)
                {
                    if (Interlocked.Exchange(ref acknowledged, 0) == 0)
                    {
                        LogZombie(logger, settings.ShardId);
                        await CloseQuietlyAsync(transport, ResumableCloseCode, "no heartbeat ack");
                        await connection.CancelAsync();
                        return;
                    }

                    await SendAsync(HeartbeatPayload(), work.Token);
                    await Task.Delay(interval, clock, work.Token);
                }
            }
            catch (OperationCanceledException)
            {
                // The connection ended.
            }
            catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or IOException or ObjectDisposedException)
            {
                // The receive loop sees the drop.
            }
        }

        async Task OpenSessionAsync()
        {
            try
            {
                if (resume)
                {
                    await SendAsync(ResumePayload(), work.Token);
                }
                else
                {
                    await identifyGate.WaitAsync(settings.ShardId, work.Token);
                    await SendAsync(IdentifyPayload(), work.Token);
                }
            }
            catch (OperationCanceledException)
            {
                // The connection ended while waiting; the identify gate took its slot back.
            }
            catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or IOException or ObjectDisposedException)
            {
                // The receive loop sees the drop.
            }
        }

        try
        {
            while (true)
            {
                var frame = await transport.ReceiveAsync(connection.Token);
                if (frame.IsClose)
                {
                    return (stoppingToken.IsCancellationRequested ? Outcome.Stopped : FromClose(frame), ready);
                }

                // A frame that cannot be read is skipped: one bad payload must not end a session
                // that Discord still considers healthy (and resuming would only replay it).
                if (!TryParse(frame.Text!, out var payload))
                {
                    continue;
                }

                using (payload)
                {
                    var root = payload.RootElement;
                    if (ReadHeader(root, out var op, out var sequence) is { } problem)
                    {
                        LogUnreadable(logger, settings.ShardId, problem, Excerpt(frame.Text!));
                        continue;
                    }

                    if (sequence is { } s)
                    {
                        Interlocked.Exchange(ref _sequence, s);
                    }

                    switch (op)
                    {
                        case 0:
                            if (!root.TryGetProperty("t", out var t) || t.ValueKind != JsonValueKind.String || t.GetString() is not { Length: > 0 } name)
                            {
                                LogUnreadable(logger, settings.ShardId, "a dispatch without an event name", Excerpt(frame.Text!));
                                break;
                            }

                            var data = root.TryGetProperty("d", out var d) ? d : default;
                            if (name == "READY")
                            {
                                ReadReady(data);
                                ready = true;
                                IsReady = true;
                                DiscordMetrics.GatewaySession("ready");
                                LogReady(logger, settings.ShardId, settings.ShardCount);
                            }
                            else if (name == "RESUMED")
                            {
                                ready = true;
                                IsReady = true;
                                DiscordMetrics.GatewaySession("resumed");
                                LogResumed(logger, settings.ShardId);
                            }

                            try
                            {
                                await sink.OnDispatchAsync(new GatewayDispatch(settings.ShardId, Sequence, UserId, name, data), work.Token);
                            }
                            catch (Exception e) when (!work.IsCancellationRequested)
                            {
                                // An event with fields the sink cannot read is dropped, not fatal:
                                // the next event may be fine, and the session certainly is.
                                LogDispatchDropped(logger, settings.ShardId, name, sequence, e.GetType().Name, e.Message);
                            }

                            break;
                        case 1:
                            await SendAsync(HeartbeatPayload(), work.Token);
                            break;
                        case 7:
                            LogProtocol(logger, settings.ShardId, "asked to reconnect (op 7)");
                            await CloseQuietlyAsync(transport, ResumableCloseCode, "reconnect requested");
                            return (Outcome.Resume, ready);
                        case 9:
                            var resumable = root.TryGetProperty("d", out var flag) && flag.ValueKind == JsonValueKind.True;
                            LogProtocol(logger, settings.ShardId, resumable ? "invalid session, resumable (op 9)" : "invalid session (op 9): identifying again");
                            await CloseQuietlyAsync(transport, ResumableCloseCode, "invalid session");
                            if (!resumable)
                            {
                                // Discord asks for a random wait of 1 to 5 seconds before identifying again.
                                var (min, max) = settings.InvalidSessionWait;
                                await Task.Delay(min + ((max - min) * Random.Shared.NextDouble()), clock, stoppingToken);
                            }

                            return (resumable ? Outcome.Resume : Outcome.Identify, ready);
                        case 11:
                            Interlocked.Exchange(ref acknowledged, 1);
                            break;
                        default:
                            break;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return (Outcome.Stopped, ready);
        }
        catch (OperationCanceledException) when (connection.IsCancellationRequested)
        {
            // The heartbeat found a zombie connection and closed it.
            return (Outcome.Resume, ready);
        }
        finally
        {
            await connection.CancelAsync();
            await heartbeat;
            await opening;
        }
    }

    private Outcome FromClose(GatewayFrame frame)
    {
        var code = frame.CloseCode;
        LogClosed(logger, settings.ShardId, code, frame.CloseReason);
        return code switch
        {
            4004 => throw new GatewayFatalException(4004, "Discord refused the bot token (close 4004). Set Discord:BotToken to the token from the developer portal's Bot page."),
            4010 => throw new GatewayFatalException(4010, $"Invalid shard (close 4010): shard {settings.ShardId} of {settings.ShardCount}. Check Discord:ShardIds and Discord:ShardCount."),
            4011 => throw new GatewayFatalException(4011, "Sharding required (close 4011): the bot is in too many servers for one shard. Set Discord:ShardCount, or leave it unset to use Discord's recommended count."),
            4012 => throw new GatewayFatalException(4012, "Invalid API version (close 4012): this client speaks gateway v10."),
            4013 => throw new GatewayFatalException(4013, "Invalid intents (close 4013): check Discord:Intents."),
            4014 => throw new GatewayFatalException(4014, "Disallowed intents (close 4014): a privileged intent is not enabled for this bot. Enable it in the developer portal (Bot → Privileged Gateway Intents) or remove it from Discord:Intents."),
            4007 or 4009 => Outcome.Identify,
            _ => Outcome.Resume,
        };
    }

    private static async Task CloseQuietlyAsync(IGatewayTransport transport, int code, string reason)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await transport.CloseAsync(code, reason, timeout.Token);
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Closing a connection that is already gone.
        }
    }
}
