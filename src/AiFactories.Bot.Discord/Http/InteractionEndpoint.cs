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
        if (body is null)
        {
            await PlainAsync(http, StatusCodes.Status413PayloadTooLarge, "request body too large");
            return;
        }

        var check = verifier.Check(
            http.Request.Headers["X-Signature-Ed25519"].ToString(),
            http.Request.Headers["X-Signature-Timestamp"].ToString(),
            body);
        if (check != SignatureCheck.Valid)
        {
            LogRejected(logger, check);
            await PlainAsync(http, StatusCodes.Status401Unauthorized, "invalid request signature");
            return;
        }

        Interaction? interaction;
        try
        {
            interaction = JsonSerializer.Deserialize(body, DiscordJsonContext.Default.Interaction);
        }
        catch (JsonException e)
        {
            await PlainAsync(http, StatusCodes.Status400BadRequest, "malformed interaction: " + FirstLine(e.Message));
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

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(request.ContentLength is { } length and > 0 ? (int)length : 1024);
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
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
