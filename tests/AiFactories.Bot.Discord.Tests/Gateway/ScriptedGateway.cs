using System.Text.Json;
using System.Threading.Channels;
using AiFactories.Bot.Discord.Gateway;

namespace AiFactories.Bot.Discord.Tests.Gateway;

/// <summary>A gateway scripted by the test, behind the transport interface: it opens connections and plays Discord's side.</summary>
internal sealed class ScriptedGateway : IGatewayTransportFactory
{
    private readonly Channel<ScriptedConnection> _opened = Channel.CreateUnbounded<ScriptedConnection>();

    public List<ScriptedConnection> Connections { get; } = [];

    public IGatewayTransport Create()
    {
        var connection = new ScriptedConnection(this);
        lock (Connections)
        {
            Connections.Add(connection);
        }

        return connection;
    }

    internal void Opened(ScriptedConnection connection) => _opened.Writer.TryWrite(connection);

    /// <summary>The next connection the client opens.</summary>
    public async Task<ScriptedConnection> NextConnectionAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _opened.Reader.ReadAsync(cts.Token);
    }
}

internal sealed class ScriptedConnection(ScriptedGateway gateway) : IGatewayTransport
{
    private readonly Channel<GatewayFrame> _toClient = Channel.CreateUnbounded<GatewayFrame>();
    private readonly Channel<string> _fromClient = Channel.CreateUnbounded<string>();

    public Uri? Url { get; private set; }

    public int? ClientCloseCode { get; private set; }

    public List<(DateTimeOffset At, JsonElement Payload)> Heartbeats { get; } = [];

    public Task ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        Url = url;
        gateway.Opened(this);
        return Task.CompletedTask;
    }

    public Task SendAsync(string text, CancellationToken cancellationToken)
    {
        var payload = JsonDocument.Parse(text).RootElement.Clone();
        if (payload.GetProperty("op").GetInt32() == 1)
        {
            lock (Heartbeats)
            {
                Heartbeats.Add((DateTimeOffset.UtcNow, payload));
            }
        }

        _fromClient.Writer.TryWrite(text);
        return Task.CompletedTask;
    }

    public async Task<GatewayFrame> ReceiveAsync(CancellationToken cancellationToken) => await _toClient.Reader.ReadAsync(cancellationToken);

    public Task CloseAsync(int code, string reason, CancellationToken cancellationToken)
    {
        ClientCloseCode ??= code;
        _toClient.Writer.TryWrite(new GatewayFrame(null, code, reason));
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Send(string json) => _toClient.Writer.TryWrite(new GatewayFrame(json));

    public void Hello(int intervalMs) => Send($$"""{"op":10,"d":{"heartbeat_interval":{{intervalMs}}},"s":null,"t":null}""");

    public void Dispatch(long sequence, string name, string data) => Send($$"""{"op":0,"s":{{sequence}},"t":"{{name}}","d":{{data}}}""");

    public void Ready(long sequence, string sessionId = "session-1", string resumeUrl = "wss://resume.test") =>
        Dispatch(sequence, "READY", $$"""{"v":10,"session_id":"{{sessionId}}","resume_gateway_url":"{{resumeUrl}}","user":{"id":"999","username":"bot","bot":true},"guilds":[]}""");

    public void Ack() => Send("""{"op":11,"d":null}""");

    /// <summary>Closes from Discord's side: with a code, or, without one, an abrupt drop.</summary>
    public void Close(int? code = null) => _toClient.Writer.TryWrite(new GatewayFrame(null, code, code is null ? "dropped" : "closed"));

    /// <summary>Answers each heartbeat with an ACK, as Discord does, until the client sends a payload with this op; returns it and how many heartbeats were answered.</summary>
    public async Task<(JsonElement Payload, int Acked)> AckHeartbeatsUntilAsync(int op, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var acked = 0;
        while (true)
        {
            var text = await _fromClient.Reader.ReadAsync(cts.Token);
            var payload = JsonDocument.Parse(text).RootElement.Clone();
            var sent = payload.GetProperty("op").GetInt32();
            if (sent == op)
            {
                return (payload, acked);
            }

            if (sent == 1)
            {
                Ack();
                acked++;
            }
        }
    }

    /// <summary>The next payload the client sends with this op, skipping heartbeats unless asked for.</summary>
    public async Task<JsonElement> ExpectAsync(int op, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var text = await _fromClient.Reader.ReadAsync(cts.Token);
            var payload = JsonDocument.Parse(text).RootElement.Clone();
            if (payload.GetProperty("op").GetInt32() == op)
            {
                return payload;
            }
        }
    }
}
