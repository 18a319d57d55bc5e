using System.Collections.Concurrent;
using AiFactories.Bot.Discord.Gateway;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AiFactories.Bot.Discord.Tests.Gateway;

public sealed class GatewayClientTests : IAsyncDisposable
{
    private const int LongInterval = 60_000;
    private readonly ScriptedGateway _gateway = new();
    private readonly RecordingSink _sink = new();
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(30));
    private readonly GatewayShardSettings _settings;
    private GatewayClient _client;
    private Task? _run;

    public GatewayClientTests()
    {
        _settings = new GatewayShardSettings(new Uri("wss://gateway.test"), "secret-token", 513, 0, 1)
        {
            MinBackoff = TimeSpan.FromMilliseconds(10),
            MaxBackoff = TimeSpan.FromMilliseconds(50),
            InvalidSessionWait = (TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)),
        };
        _client = NewClient(new IdentifyGate(TimeProvider.System) { SpacingInUse = TimeSpan.FromMilliseconds(20) });
    }

    private GatewayClient NewClient(IdentifyGate gate) => new(_settings, _gateway, _sink, gate, TimeProvider.System, NullLogger<GatewayClient>.Instance);

    private sealed class RecordingSink : IGatewayEventSink
    {
        public ConcurrentQueue<(string Name, long? Sequence, string Data)> Events { get; } = new();

        public ValueTask OnDispatchAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
        {
            // GetRawText throws on a dispatch without data, as a sink reading a missing field would.
            Events.Enqueue((dispatch.Name, dispatch.Sequence, dispatch.Data.GetRawText()));
            return ValueTask.CompletedTask;
        }
    }

    private void Start() => _run = _client.RunAsync(_stop.Token);

    /// <summary>Opens a session: Hello, Identify, Ready.</summary>
    private async Task<ScriptedConnection> ReadySessionAsync(int interval = LongInterval)
    {
        Start();
        var connection = await _gateway.NextConnectionAsync();
        connection.Hello(interval);
        await connection.ExpectAsync(2);
        connection.Ready(1);
        await WaitUntilAsync(() => _client.SessionId is not null);
        return connection;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "condition not met in time");
    }

    [Fact]
    public async Task IdentifiesWithTokenIntentsAndShardThenDispatchesEvents()
    {
        Start();
        var connection = await _gateway.NextConnectionAsync();
        Assert.Equal("wss://gateway.test/?v=10&encoding=json", connection.Url!.ToString());
        connection.Hello(LongInterval);

        var identify = (await connection.ExpectAsync(2)).GetProperty("d");
        connection.Ready(1);
        connection.Dispatch(2, "MESSAGE_CREATE", """{"id":"5","channel_id":"6","content":"hi"}""");

        Assert.Equal("secret-token", identify.GetProperty("token").GetString());
        Assert.Equal(513, identify.GetProperty("intents").GetInt32());
        Assert.Equal([0, 1], identify.GetProperty("shard").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("aifactories-bot", identify.GetProperty("properties").GetProperty("browser").GetString());
        await WaitUntilAsync(() => _sink.Events.Count == 2);
        Assert.Equal(["READY", "MESSAGE_CREATE"], _sink.Events.Select(e => e.Name));
        Assert.Equal("session-1", _client.SessionId);
        Assert.Equal("999", _client.UserId);
        Assert.Equal(2, _client.Sequence);
    }

    [Fact]
    public async Task HeartbeatsAtOnceWhenAskedWithTheLastSequence()
    {
        var connection = await ReadySessionAsync();
        connection.Dispatch(7, "GUILD_CREATE", "{}");
        connection.Send("""{"op":1,"d":null}""");

        var heartbeat = await connection.ExpectAsync(1, TimeSpan.FromSeconds(2));

        Assert.Equal(7, heartbeat.GetProperty("d").GetInt64());
    }

    [Fact]
    public async Task HeartbeatsOnScheduleFirstAfterARandomPartOfTheInterval()
    {
        var connected = DateTimeOffset.UtcNow;
        var connection = await ReadySessionAsync(interval: 300);
        await connection.ExpectAsync(1, TimeSpan.FromSeconds(2));
        connection.Ack();
        await connection.ExpectAsync(1, TimeSpan.FromSeconds(2));
        connection.Ack();
        await connection.ExpectAsync(1, TimeSpan.FromSeconds(2));

        List<DateTimeOffset> beats;
        lock (connection.Heartbeats)
        {
            beats = connection.Heartbeats.Select(h => h.At).ToList();
        }

        // Never early; late only by what a busy two-core machine adds.
        Assert.InRange((beats[0] - connected).TotalMilliseconds, 0, 300 + 1500);
        Assert.InRange((beats[1] - beats[0]).TotalMilliseconds, 280, 300 + 1500);
        Assert.InRange((beats[2] - beats[1]).TotalMilliseconds, 280, 300 + 1500);
    }

    [Fact]
    public async Task ClosesAZombieConnectionAndResumes()
    {
        // A beat every 500 ms that is never acknowledged: at the beat after the first, the
        // connection is a zombie. (The first beat may come before the identify, so the test does not
        // wait for it; the dispatch is read long before the second beat.)
        var connection = await ReadySessionAsync(interval: 500);
        connection.Dispatch(5, "GUILD_CREATE", "{}");

        var next = await _gateway.NextConnectionAsync();

        Assert.NotNull(connection.ClientCloseCode);
        Assert.NotEqual(1000, connection.ClientCloseCode);
        Assert.NotEqual(1001, connection.ClientCloseCode);
        Assert.StartsWith("wss://resume.test", next.Url!.ToString());
        next.Hello(LongInterval);
        var resume = (await next.ExpectAsync(6)).GetProperty("d");
        Assert.Equal("session-1", resume.GetProperty("session_id").GetString());
        Assert.Equal(5, resume.GetProperty("seq").GetInt64());
        Assert.Equal("secret-token", resume.GetProperty("token").GetString());
    }

    [Fact]
    public async Task ResumesWhenAskedToReconnect()
    {
        var connection = await ReadySessionAsync();
        connection.Send("""{"op":7,"d":null}""");

        var next = await _gateway.NextConnectionAsync();
        next.Hello(LongInterval);

        await next.ExpectAsync(6);
        Assert.NotEqual(1000, connection.ClientCloseCode);
    }

    [Fact]
    public async Task IdentifiesAgainAfterAnInvalidSessionThatCannotResume()
    {
        var connection = await ReadySessionAsync();
        connection.Send("""{"op":9,"d":false}""");

        var next = await _gateway.NextConnectionAsync();
        next.Hello(LongInterval);

        await next.ExpectAsync(2);
        Assert.Equal("wss://gateway.test/?v=10&encoding=json", next.Url!.ToString());
    }

    [Fact]
    public async Task ResumesAfterAnInvalidSessionThatCanResume()
    {
        var connection = await ReadySessionAsync();
        connection.Send("""{"op":9,"d":true}""");

        var next = await _gateway.NextConnectionAsync();
        next.Hello(LongInterval);

        await next.ExpectAsync(6);
    }

    [Theory]
    [InlineData(4000)]
    [InlineData(4008)]
    [InlineData(null)]
    public async Task ResumesAfterResumableClosesAndDrops(int? code)
    {
        var connection = await ReadySessionAsync();
        connection.Dispatch(3, "GUILD_CREATE", "{}");
        connection.Close(code);

        var next = await _gateway.NextConnectionAsync();
        next.Hello(LongInterval);
        var resume = await next.ExpectAsync(6);
        next.Dispatch(4, "MESSAGE_CREATE", """{"id":"missed","channel_id":"1"}""");
        next.Dispatch(5, "RESUMED", "{}");

        Assert.Equal(3, resume.GetProperty("d").GetProperty("seq").GetInt64());
        await WaitUntilAsync(() => _sink.Events.Any(e => e.Name == "RESUMED"));
        Assert.Contains(_sink.Events, e => e.Data.Contains("missed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(4007)]
    [InlineData(4009)]
    public async Task IdentifiesAgainAfterSessionEndingCloses(int code)
    {
        var connection = await ReadySessionAsync();
        connection.Close(code);

        var next = await _gateway.NextConnectionAsync();
        next.Hello(LongInterval);

        await next.ExpectAsync(2);
        Assert.Null(_client.SessionId);
    }

    [Theory]
    [InlineData(4004, "Discord:BotToken")]
    [InlineData(4010, "Discord:ShardIds")]
    [InlineData(4011, "Discord:ShardCount")]
    [InlineData(4013, "Discord:Intents")]
    [InlineData(4014, "Privileged Gateway Intents")]
    public async Task StopsWithAMessageNamingCauseAndFixOnFatalCloses(int code, string fix)
    {
        var connection = await ReadySessionAsync();
        connection.Close(code);

        var error = await Assert.ThrowsAsync<GatewayFatalException>(() => _run!);

        Assert.Equal(code, error.Code);
        Assert.Contains($"close {code}", error.Message);
        Assert.Contains(fix, error.Message);
        Assert.Single(_gateway.Connections);
    }

    /// <summary>Frames the client cannot read, by name (built in <see cref="UnreadableFrame"/>, as some are not valid UTF-16).</summary>
    public static TheoryData<string> UnreadableFrames() =>
    [
        "no op", "op as a string", "op with a fraction", "op beyond 32 bits", "dispatch without t", "dispatch with t null",
        "dispatch without d", "sequence beyond 64 bits", "negative sequence", "sequence as a string", "invalid JSON",
        "empty", "a JSON array", "JSON null", "binary garbage", "a lone surrogate", "nested too deep",
    ];

    private static string UnreadableFrame(string kind) => kind switch
    {
        "no op" => """{"d":null,"s":null,"t":null}""",
        "op as a string" => """{"op":"0","s":2,"t":"GUILD_CREATE","d":{}}""",
        "op with a fraction" => """{"op":0.5,"s":2,"t":"GUILD_CREATE","d":{}}""",
        "op beyond 32 bits" => """{"op":4294967296,"s":2,"t":"GUILD_CREATE","d":{}}""",
        "dispatch without t" => """{"op":0,"s":2,"d":{}}""",
        "dispatch with t null" => """{"op":0,"s":2,"t":null,"d":{}}""",
        "dispatch without d" => """{"op":0,"s":2,"t":"GUILD_CREATE"}""",
        "sequence beyond 64 bits" => """{"op":0,"s":99999999999999999999999,"t":"GUILD_CREATE","d":{}}""",
        "negative sequence" => """{"op":0,"s":-3,"t":"GUILD_CREATE","d":{}}""",
        "sequence as a string" => """{"op":0,"s":"2","t":"GUILD_CREATE","d":{}}""",
        "invalid JSON" => """{"op":0,"s":2,"t":"GUILD_CREATE","d":{""",
        "empty" => string.Empty,
        "a JSON array" => "[0,2]",
        "JSON null" => "null",
        "binary garbage" => "\u0078\u009c\u0000\u0001\u00ff\ufffd\u001f\u008b",
        "a lone surrogate" => "{\"op\":0,\"s\":2,\"t\":\"\ud800\",\"d\":{}}",
        "nested too deep" => $$"""{"op":0,"s":2,"t":"GUILD_CREATE","d":{{new string('[', 200)}}{{new string(']', 200)}}}""",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(UnreadableFrames))]
    public async Task SkipsAFrameItCannotReadAndKeepsTheSession(string kind)
    {
        var connection = await ReadySessionAsync();

        connection.Send(UnreadableFrame(kind));
        connection.Dispatch(5, "MESSAGE_CREATE", """{"id":"after","channel_id":"1"}""");

        await WaitUntilAsync(() => _sink.Events.Any(e => e.Data.Contains("after", StringComparison.Ordinal)));
        Assert.False(_run!.IsCompleted);
        Assert.Single(_gateway.Connections);
        Assert.Null(connection.ClientCloseCode);
        Assert.Equal(5, _client.Sequence);
        Assert.DoesNotContain(_sink.Events, e => e.Name != "READY" && e.Name != "MESSAGE_CREATE");
    }

    [Fact]
    public async Task KeepsTheLastGoodSequenceWhenOneIsBeyondSixtyFourBits()
    {
        var connection = await ReadySessionAsync();
        connection.Dispatch(4, "GUILD_CREATE", "{}");

        connection.Send("""{"op":0,"s":99999999999999999999999,"t":"GUILD_CREATE","d":{}}""");
        connection.Send("""{"op":1,"d":null}""");

        var heartbeat = await connection.ExpectAsync(1, TimeSpan.FromSeconds(2));
        Assert.Equal(4, heartbeat.GetProperty("d").GetInt64());
    }

    [Fact]
    public async Task KeepsRunningAfterAReadyWithUnreadableFieldsAndIdentifiesOnTheNextConnection()
    {
        Start();
        var connection = await _gateway.NextConnectionAsync();
        connection.Hello(LongInterval);
        await connection.ExpectAsync(2);
        connection.Send("""{"op":0,"s":1,"t":"READY","d":{"session_id":5,"resume_gateway_url":"file:///etc/passwd","user":{"id":null}}}""");
        connection.Dispatch(2, "MESSAGE_CREATE", """{"id":"after","channel_id":"1"}""");
        await WaitUntilAsync(() => _sink.Events.Any(e => e.Name == "MESSAGE_CREATE"));

        Assert.Null(_client.SessionId);
        Assert.Null(_client.UserId);
        connection.Close();
        var next = await _gateway.NextConnectionAsync();
        next.Hello(LongInterval);
        await next.ExpectAsync(2);
        Assert.Equal("wss://gateway.test/?v=10&encoding=json", next.Url!.ToString());
    }

    [Theory]
    [InlineData("""{"op":10,"d":{"heartbeat_interval":"soon"}}""")]
    [InlineData("""{"op":"10","d":{"heartbeat_interval":41250}}""")]
    [InlineData("""{"op":10,"d":{"heartbeat_interval":1e300}}""")]
    [InlineData("""{"op":10,"d":null}""")]
    [InlineData("""{"op":10""")]
    public async Task ReconnectsWhenTheHelloCannotBeRead(string hello)
    {
        Start();
        var connection = await _gateway.NextConnectionAsync();
        connection.Send(hello);

        var next = await _gateway.NextConnectionAsync();
        next.Hello(LongInterval);
        await next.ExpectAsync(2);

        Assert.NotNull(connection.ClientCloseCode);
        Assert.NotEqual(1000, connection.ClientCloseCode);
        Assert.False(_run!.IsCompleted);
    }

    [Fact]
    public async Task ReadsHeartbeatAcksWhileWaitingForTheIdentifySlot()
    {
        // Another shard identified just now: this one waits 1.5 s, fifteen heartbeat intervals.
        var gate = new IdentifyGate(TimeProvider.System) { SpacingInUse = TimeSpan.FromMilliseconds(1500) };
        await gate.WaitAsync(0, CancellationToken.None);
        _client = NewClient(gate);
        Start();
        var connection = await _gateway.NextConnectionAsync();
        connection.Hello(100);

        var (identify, acked) = await connection.AckHeartbeatsUntilAsync(2);

        Assert.Equal("secret-token", identify.GetProperty("d").GetProperty("token").GetString());
        Assert.True(acked >= 5, $"only {acked} heartbeats before identifying");
        Assert.Null(connection.ClientCloseCode);
        Assert.Single(_gateway.Connections);
        connection.Ready(1);
        await WaitUntilAsync(() => _client.SessionId is not null);
    }

    [Fact]
    public async Task GivesBackTheIdentifySlotOfAWaitThatWasCancelled()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var gate = new IdentifyGate(clock);
        await gate.WaitAsync(0, CancellationToken.None);
        using var closed = new CancellationTokenSource();

        // Shard 0's connection closes while it waits for the slot at +5 s.
        var cancelled = gate.WaitAsync(0, closed.Token);
        await closed.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        // Its next connection gets that slot, not the one after it.
        var next = gate.WaitAsync(0, CancellationToken.None);
        clock.Advance(IdentifyGate.Spacing);
        await next.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task GivesBackTheTurnOfAWaitCancelledInTheQueue()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var gate = new IdentifyGate(clock);
        await gate.WaitAsync(0, CancellationToken.None);
        var second = gate.WaitAsync(1, CancellationToken.None);
        using var closed = new CancellationTokenSource();

        // Shard 2 waits in the queue behind shard 1, and its connection closes.
        var cancelled = gate.WaitAsync(2, closed.Token);
        await closed.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        clock.Advance(IdentifyGate.Spacing);
        await second.WaitAsync(TimeSpan.FromSeconds(5));

        // The next identify comes one spacing after shard 1's, not two.
        var next = gate.WaitAsync(3, CancellationToken.None);
        clock.Advance(IdentifyGate.Spacing);
        await next.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ClosesWith1000WhenStopped()
    {
        var connection = await ReadySessionAsync();

        await _stop.CancelAsync();
        await _run!;

        Assert.Equal(1000, connection.ClientCloseCode);
    }

    [Fact]
    public async Task KeepsSendsWithinOneHundredTwentyPerMinute()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new GatewaySendLimiter(clock);
        for (var i = 0; i < 120; i++)
        {
            await limiter.WaitAsync(CancellationToken.None);
        }

        var blocked = limiter.WaitAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.False(blocked.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(60));
        await blocked.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, limiter.InWindow);
    }

    [Fact]
    public async Task PacesIdentifiesInTheSameConcurrencyBucket()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var gate = new IdentifyGate(clock);
        gate.Configure(maxConcurrency: 2);

        await gate.WaitAsync(0, CancellationToken.None);
        await gate.WaitAsync(1, CancellationToken.None);
        var third = gate.WaitAsync(2, CancellationToken.None);
        await Task.Delay(50);

        Assert.False(third.IsCompleted);
        clock.Advance(IdentifyGate.Spacing);
        await third.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(null, 3, new[] { 0, 1, 2 })]
    [InlineData("1", 3, new[] { 1 })]
    [InlineData("0, 2", 4, new[] { 0, 2 })]
    [InlineData("1-3", 4, new[] { 1, 2, 3 })]
    public void ReadsShardIds(string? text, int count, int[] expected) => Assert.Equal(expected, GatewayService.ParseShardIds(text, count));

    [Theory]
    [InlineData("5", 4)]
    [InlineData("a", 4)]
    [InlineData("3-1", 4)]
    public void RefusesShardIdsOutsideTheCount(string text, int count)
    {
        var error = Assert.Throws<FormatException>(() => GatewayService.ParseShardIds(text, count));

        Assert.Contains("Discord:ShardIds", error.Message);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            try
            {
                await _run;
            }
            catch (GatewayFatalException)
            {
                // Expected in the fatal-close tests.
            }
        }

        _stop.Dispose();
    }
}
