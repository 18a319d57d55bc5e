using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AiFactories.Bot.Tests.Gateway;

/// <summary>
/// A fake Discord on loopback: GET /gateway/bot, a WebSocket gateway the test plays, and the REST
/// routes the bot answers through, which it records.
/// </summary>
internal sealed class FakeDiscord : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<FakeSocket> _sockets = Channel.CreateUnbounded<FakeSocket>();

    private FakeDiscord(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public string ApiBaseUrl => BaseUrl + "/api/v10";

    public string GatewayUrl => BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/gw";

    public ConcurrentQueue<(string InteractionId, string Body)> Callbacks { get; } = new();

    public ConcurrentQueue<(string ChannelId, string Body)> Messages { get; } = new();

    public static async Task<FakeDiscord> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeDiscord(app);
        app.UseWebSockets();
        app.MapGet("/api/v10/gateway/bot", () => Results.Text(
            $$$"""{"url":"{{{fake.GatewayUrl}}}","shards":1,"session_start_limit":{"total":1000,"remaining":999,"reset_after":0,"max_concurrency":1}}""", "application/json"));
        app.MapPost("/api/v10/interactions/{id}/{token}/callback", async (string id, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            fake.Callbacks.Enqueue((id, await reader.ReadToEndAsync()));
            return Results.NoContent();
        });
        app.MapPost("/api/v10/channels/{id}/messages", async (string id, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            fake.Messages.Enqueue((id, await reader.ReadToEndAsync()));
            return Results.Text("""{"id":"1"}""", "application/json");
        });
        app.Map("/gw", async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                return;
            }

            var socket = new FakeSocket(await context.WebSockets.AcceptWebSocketAsync(), context.Request.QueryString.Value ?? string.Empty);
            fake._sockets.Writer.TryWrite(socket);
            await socket.Done;
        });
        await app.StartAsync();
        fake.BaseUrl = app.Urls.First();
        return fake;
    }

    public async Task<FakeSocket> NextConnectionAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await _sockets.Reader.ReadAsync(timeout.Token);
    }

    public async Task WaitForAsync(Func<bool> condition, int seconds = 20)
    {
        for (var i = 0; i < seconds * 50 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(condition(), "the fake Discord did not see what it waited for");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>One gateway connection, played by the test; heartbeats are acknowledged automatically.</summary>
internal sealed class FakeSocket
{
    private readonly WebSocket _socket;
    private readonly Channel<JsonElement> _received = Channel.CreateUnbounded<JsonElement>();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _send = new(1, 1);

    public FakeSocket(WebSocket socket, string query)
    {
        _socket = socket;
        Query = query;
        _ = ReceiveLoopAsync();
    }

    public string Query { get; }

    public Task Done => _done.Task;

    public int Heartbeats;

    public WebSocketCloseStatus? ClientCloseStatus { get; private set; }

    public async Task SendAsync(string json)
    {
        await _send.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _send.Release();
        }
    }

    public Task HelloAsync(int interval = 1000) => SendAsync($$$"""{"op":10,"d":{"heartbeat_interval":{{{interval}}}}}""");

    public Task DispatchAsync(long sequence, string name, string data) => SendAsync($$"""{"op":0,"s":{{sequence}},"t":"{{name}}","d":{{data}}}""");

    public Task ReadyAsync(string resumeUrl) =>
        DispatchAsync(1, "READY", $$"""{"v":10,"session_id":"s-1","resume_gateway_url":"{{resumeUrl}}","user":{"id":"900","username":"aif","bot":true},"guilds":[]}""");

    public async Task<JsonElement> ExpectAsync(int op)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var payload = await _received.Reader.ReadAsync(timeout.Token);
            if (payload.GetProperty("op").GetInt32() == op)
            {
                return payload;
            }
        }
    }

    public async Task CloseAsync(int code)
    {
        try
        {
            await _socket.CloseOutputAsync((WebSocketCloseStatus)code, "closed by the fake", CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }

        _done.TrySetResult();
    }

    /// <summary>Drops the connection without a close frame.</summary>
    public void Drop()
    {
        _socket.Abort();
        _done.TrySetResult();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    ClientCloseStatus = result.CloseStatus;
                    break;
                }

                var payload = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count)).RootElement.Clone();
                if (payload.GetProperty("op").GetInt32() == 1)
                {
                    Interlocked.Increment(ref Heartbeats);
                    await SendAsync("""{"op":11}""");
                }

                _received.Writer.TryWrite(payload);
            }
        }
        catch (WebSocketException)
        {
        }

        _done.TrySetResult();
    }
}
