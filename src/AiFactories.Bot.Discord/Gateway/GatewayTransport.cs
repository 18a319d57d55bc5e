using System.Net.WebSockets;
using System.Text;

namespace AiFactories.Bot.Discord.Gateway;

/// <summary>One frame from the gateway: a text payload, or the close of the connection (with its code, if any).</summary>
public sealed record GatewayFrame(string? Text, int? CloseCode = null, string? CloseReason = null)
{
    public bool IsClose => Text is null;
}

/// <summary>The socket under the gateway client, behind an interface so tests can script the gateway.</summary>
public interface IGatewayTransport : IAsyncDisposable
{
    Task ConnectAsync(Uri url, CancellationToken cancellationToken);

    Task SendAsync(string text, CancellationToken cancellationToken);

    /// <summary>The next frame; a dropped connection is a close frame without a code.</summary>
    Task<GatewayFrame> ReceiveAsync(CancellationToken cancellationToken);

    Task CloseAsync(int code, string reason, CancellationToken cancellationToken);
}

public interface IGatewayTransportFactory
{
    IGatewayTransport Create();
}

/// <summary>System.Net.WebSockets under the gateway client.</summary>
public sealed class WebSocketTransport : IGatewayTransport
{
    private const int MaxMessageBytes = 16 * 1024 * 1024;
    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[16 * 1024];

    public async Task ConnectAsync(Uri url, CancellationToken cancellationToken) => await _socket.ConnectAsync(url, cancellationToken);

    public async Task SendAsync(string text, CancellationToken cancellationToken) =>
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    public async Task<GatewayFrame> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(_buffer, cancellationToken);
            }
            catch (WebSocketException)
            {
                return new GatewayFrame(null);
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return new GatewayFrame(null, (int?)result.CloseStatus, result.CloseStatusDescription);
            }

            message.Write(_buffer, 0, result.Count);
            if (message.Length > MaxMessageBytes)
            {
                return new GatewayFrame(null, null, "message too large");
            }

            if (result.EndOfMessage)
            {
                return new GatewayFrame(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
            }
        }
    }

    /// <summary>Sends the close frame; the receive side then sees Discord's answering close.</summary>
    public async Task CloseAsync(int code, string reason, CancellationToken cancellationToken)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, cancellationToken);
            }
            catch (WebSocketException)
            {
                // Already gone.
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed class WebSocketTransportFactory : IGatewayTransportFactory
{
    public IGatewayTransport Create() => new WebSocketTransport();
}
