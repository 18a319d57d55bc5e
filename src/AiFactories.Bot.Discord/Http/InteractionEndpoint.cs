using System.Buffers;
using System.Text.Json;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Messages;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Discord.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Discord.Http;

/// <summary>
/// Discord's HTTP interactions endpoint: verify the signature over the raw bytes (401 before any
/// parsing), parse (400 when malformed), dispatch, answer JSON. Never a 500 for a parsed interaction.
/// </summary>
public static partial class InteractionEndpoint
{
    public static IEndpointConventionBuilder MapDiscordInteractions(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<DiscordOptions>>().Value;
        return endpoints.MapPost(options.InteractionsPath, HandleAsync).DisableAntiforgery();
    }

    private static async Task HandleAsync(HttpContext http, SignatureVerifier verifier, ReplayGuard replays, InteractionDispatcher dispatcher, IOptions<DiscordOptions> options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(InteractionEndpoint).FullName!);
        var limit = options.Value.MaxBodyBytes;
        if (http.Request.ContentLength > limit)
        {
            await PlainAsync(http, StatusCodes.Status413PayloadTooLarge, "request body too large");
            return;
        }

        var body = await ReadBodyAsync(http.Request, limit, http.RequestAborted);
        if (body is not { } read)
        {
            await PlainAsync(http, StatusCodes.Status413PayloadTooLarge, "request body too large");
            return;
        }

        var (buffer, length) = read;

        // The body lives in a pooled buffer only while it is checked and parsed: the interaction holds
        // its own strings, so the buffer goes back before the answer is worked out.
        SignatureCheck check;
        Interaction? interaction = null;
        string? malformed = null;
        try
        {
            check = verifier.Check(
                http.Request.Headers["X-Signature-Ed25519"].ToString(),
                http.Request.Headers["X-Signature-Timestamp"].ToString(),
                buffer.AsSpan(0, length));
            if (check == SignatureCheck.Valid)
            {
                try
                {
                    interaction = JsonSerializer.Deserialize(buffer.AsSpan(0, length), DiscordJsonContext.Default.Interaction);
                }
                catch (JsonException e)
                {
                    malformed = "malformed interaction: " + FirstLine(e.Message);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (check != SignatureCheck.Valid)
        {
            LogRejected(logger, check);
            await PlainAsync(http, StatusCodes.Status401Unauthorized, "invalid request signature");
            return;
        }

        if (malformed is not null)
        {
            await PlainAsync(http, StatusCodes.Status400BadRequest, malformed);
            return;
        }

        if (interaction is null)
        {
            await PlainAsync(http, StatusCodes.Status400BadRequest, "malformed interaction: empty body");
            return;
        }

        // A signed request seen before is a replay (Discord sends each interaction once): refused.
        if (options.Value.RejectReplays && !replays.FirstTime(interaction.Id))
        {
            LogReplay(logger, interaction.Id);
            DiscordMetrics.Replayed();
            await PlainAsync(http, StatusCodes.Status401Unauthorized, "replayed interaction: this interaction id was already answered");
            return;
        }

        InteractionResponse response;
        try
        {
            response = await dispatcher.DispatchAsync(interaction, http.RequestAborted);
        }
        catch (UnsupportedInteractionException e)
        {
            await PlainAsync(http, StatusCodes.Status400BadRequest, e.Message);
            return;
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        var payload = DiscordJson.ToUtf8Bytes(response, DiscordJsonContext.Default.InteractionResponse);
        http.Response.ContentLength = payload.Length;
        await http.Response.Body.WriteAsync(payload, http.RequestAborted);
    }

    /// <summary>
    /// The body in a buffer rented from the shared pool (the caller returns it), or null when it is
    /// longer than the limit. Sized from Content-Length when given, grown by doubling otherwise.
    /// </summary>
    private static async Task<(byte[] Buffer, int Length)?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var pool = ArrayPool<byte>.Shared;
        var buffer = pool.Rent(request.ContentLength is { } expected and > 0 ? (int)Math.Min(expected + 1, limit + 1L) : 4096);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        pool.Return(buffer);
                        return null;
                    }

                    var larger = pool.Rent((int)Math.Min(buffer.Length * 2L, limit + 1L));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    pool.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }
        }
        catch
        {
            pool.Return(buffer);
            throw;
        }

        if (length > limit)
        {
            pool.Return(buffer);
            return null;
        }

        return (buffer, length);
    }

    private static async Task PlainAsync(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(message, http.RequestAborted);
    }

    private static string FirstLine(string text)
    {
        return DiscordLimits.Prefix(text.ReplaceLineEndings(" "), 200);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a replayed interaction {InteractionId}")]
    private static partial void LogReplay(ILogger logger, string interactionId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rejected an interaction request: {Reason}")]
    private static partial void LogRejected(ILogger logger, SignatureCheck reason);
}
