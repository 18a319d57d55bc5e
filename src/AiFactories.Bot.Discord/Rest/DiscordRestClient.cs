// Every REST call goes through one send loop (rate-limit buckets, 429s, retries, multipart bodies); the calls and that loop read best together.
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AiFactories.Bot.Discord.Messages;
using AiFactories.Bot.Discord.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Discord.Rest;

/// <summary>A REST call Discord refused; the message names the route, the status and Discord's own words.</summary>
public sealed class DiscordRestException(string route, HttpStatusCode status, int? code, string message)
    : Exception($"{route} failed: {(int)status} {status}{(code is null ? string.Empty : $" (Discord code {code})")}: {message}")
{
    public string Route { get; } = route;

    public HttpStatusCode Status { get; } = status;

    public int? Code { get; } = code;
}

/// <summary>
/// Discord's REST API over HttpClient: bot authorization, the User-Agent Discord asks for, per-bucket
/// rate limits read from the X-RateLimit headers, 429s waited out, no retry on other client errors.
/// A 5xx or a network error is retried (at most <see cref="MaxAttempts"/> attempts, jittered
/// backoff, at most <see cref="MaxRetryWait"/> of waiting) only when sending the request twice does
/// what sending it once does: GET, PUT, DELETE and PATCH (which set a whole state), and a message
/// create, which carries a nonce Discord de-duplicates. An interaction callback or any other POST
/// is sent once: after a 5xx or a broken connection Discord may have acted on it.
/// </summary>
public sealed partial class DiscordRestClient : IDiscordRest
{
    /// <summary>Attempts of one request that fails with a 5xx or a network error (429s are counted apart).</summary>
    public const int MaxAttempts = 3;

    /// <summary>The most a request waits in backoff between failed attempts, all retries together.</summary>
    public static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(10);

    private static readonly string Version = typeof(DiscordRestClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0";

    private readonly HttpClient _http;
    private readonly DiscordOptions _options;
    private readonly RateLimitState _limits;
    private readonly TimeProvider _clock;
    private readonly ILogger<DiscordRestClient> _logger;

    public DiscordRestClient(HttpClient http, IOptions<DiscordOptions> options, RateLimitState limits, TimeProvider clock, ILogger<DiscordRestClient> logger)
    {
        _http = http;
        _options = options.Value;
        _limits = limits;
        _clock = clock;
        _logger = logger;
        _http.BaseAddress ??= new Uri(_options.ApiBaseUrl.EndsWith('/') ? _options.ApiBaseUrl : _options.ApiBaseUrl + "/");
    }

    /// <summary>The wait before the first retry; each retry doubles it, and a random part of it is taken off.</summary>
    internal TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public async Task<int> BulkOverwriteCommandsAsync(string applicationId, string? guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken)
    {
        var path = guildId is null
            ? $"applications/{Uri.EscapeDataString(applicationId)}/commands"
            : $"applications/{Uri.EscapeDataString(applicationId)}/guilds/{Uri.EscapeDataString(guildId)}/commands";
        using var result = await SendAsync(HttpMethod.Put, path, commands, DiscordJsonContext.Default.IReadOnlyListApplicationCommand, cancellationToken);
        return result.RootElement.ValueKind == JsonValueKind.Array ? result.RootElement.GetArrayLength() : 0;
    }

    public async Task<GatewayBot> GetGatewayBotAsync(CancellationToken cancellationToken)
    {
        using var result = await SendAsync<object?>(HttpMethod.Get, "gateway/bot", null, null, cancellationToken);
        return result.RootElement.Deserialize(DiscordJsonContext.Default.GatewayBot)
            ?? throw new DiscordRestException("GET /gateway/bot", HttpStatusCode.OK, null, "empty answer");
    }

    public async Task CreateMessageAsync(string channelId, CreateMessage message, CancellationToken cancellationToken)
    {
        // With a nonce and enforce_nonce, Discord answers a repeated create with the message it
        // already made: the one POST that may be retried. The body (and so the nonce) is built once.
        var once = message with { Nonce = message.Nonce ?? NewNonce(), EnforceNonce = true };
        using var _ = await SendAsync(HttpMethod.Post, $"channels/{Uri.EscapeDataString(channelId)}/messages", once, DiscordJsonContext.Default.CreateMessage, cancellationToken, deduplicated: true);
    }

    /// <summary>A nonce Discord accepts (a string of at most 25 characters), random enough never to meet another.</summary>
    internal static string NewNonce() => RandomNumberGenerator.GetHexString(24, lowercase: true);

    public async Task CreateInteractionResponseAsync(string interactionId, string token, InteractionResponse response, CancellationToken cancellationToken)
    {
        var path = $"interactions/{Uri.EscapeDataString(interactionId)}/{Uri.EscapeDataString(token)}/callback";
        using var _ = await SendAsync(HttpMethod.Post, path, response, DiscordJsonContext.Default.InteractionResponse, cancellationToken, authorize: false);
    }

    public async Task EditOriginalResponseAsync(string applicationId, string token, EditMessage message, CancellationToken cancellationToken)
    {
        var path = $"webhooks/{Uri.EscapeDataString(applicationId)}/{Uri.EscapeDataString(token)}/messages/@original";
        message = DiscordLimits.Enforce(message);
        if (message.Attachments is not { Count: > 0 } files)
        {
            using var _ = await SendAsync(HttpMethod.Patch, path, message, DiscordJsonContext.Default.EditMessage, cancellationToken, authorize: false);
            return;
        }

        // Files go as multipart/form-data: the message as payload_json, each file as files[n]. The
        // JSON is serialized once; the parts are laid anew for every attempt, since a sent
        // HttpContent cannot be sent again.
        var payload = DiscordJson.ToUtf8Bytes(message, DiscordJsonContext.Default.EditMessage);
        using var __ = await SendCoreAsync(HttpMethod.Patch, path, () => Multipart(payload, files), cancellationToken, authorize: false);
    }

    public Task EditOriginalResponseAsync(string applicationId, string token, EditMessage message, IReadOnlyList<FileAttachment> files, CancellationToken cancellationToken) =>
        EditOriginalResponseAsync(applicationId, token, message with { Attachments = files }, cancellationToken);

    /// <summary>A multipart body: <c>payload_json</c> first, then <c>files[0]</c>, <c>files[1]</c>… in the order of the list.</summary>
    internal static MultipartFormDataContent Multipart(byte[] payloadJson, IReadOnlyList<FileAttachment> files)
    {
        var body = new MultipartFormDataContent();
        var json = new ByteArrayContent(payloadJson);
        json.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        json.Headers.ContentDisposition = FormData("payload_json", null);
        body.Add(json);
        for (var i = 0; i < files.Count; i++)
        {
            var file = new ReadOnlyMemoryContent(files[i].Content);
            file.Headers.ContentType = new MediaTypeHeaderValue(files[i].ContentType);
            file.Headers.ContentDisposition = FormData($"files[{i}]", files[i].FileName);
            body.Add(file);
        }

        return body;
    }

    /// <summary>
    /// <c>form-data; name="…"; filename="…"</c>, quoted (the brackets of files[n] must be), with the
    /// RFC 5987 form beside a filename that is not plain ASCII.
    /// </summary>
    private static ContentDispositionHeaderValue FormData(string name, string? fileName)
    {
        static string Quote(string text) => $"\"{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
        var disposition = new ContentDispositionHeaderValue("form-data") { Name = Quote(name) };
        if (fileName is not null)
        {
            if (fileName.All(c => char.IsAscii(c) && !char.IsControl(c)))
            {
                disposition.FileName = Quote(fileName);
            }
            else
            {
                disposition.FileNameStar = fileName;
            }
        }

        return disposition;
    }

    private Task<JsonDocument> SendAsync<T>(HttpMethod method, string path, T body, JsonTypeInfo<T>? type, CancellationToken cancellationToken, bool authorize = true, bool deduplicated = false)
    {
        var payload = type is null ? null : DiscordJson.ToUtf8Bytes(body, type);
        return SendCoreAsync(method, path, payload is null ? null : () => Json(payload), cancellationToken, authorize, deduplicated);
    }

    private static ByteArrayContent Json(byte[] payload)
    {
        var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>Sends a request, with a body built by <paramref name="content"/> afresh for each attempt.</summary>
    private async Task<JsonDocument> SendCoreAsync(HttpMethod method, string path, Func<HttpContent>? content, CancellationToken cancellationToken, bool authorize = true, bool deduplicated = false)
    {
        var route = $"{method} /{RouteTemplate(path)}";
        var replayable = deduplicated || method == HttpMethod.Get || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Patch;
        var failures = 0;
        var waited = TimeSpan.Zero;
        for (var rateLimited = 0; ;)
        {
            await _limits.WaitAsync(route, _clock, cancellationToken);
            using var request = new HttpRequestMessage(method, path);
            request.Content = content?.Invoke();

            request.Headers.UserAgent.ParseAdd($"DiscordBot ({_options.UserAgentUrl}, {Version})");
            if (authorize)
            {
                if (string.IsNullOrWhiteSpace(_options.BotToken))
                {
                    throw new InvalidOperationException($"{DiscordOptions.Section}:BotToken is not set");
                }

                request.Headers.Authorization = new AuthenticationHeaderValue("Bot", _options.BotToken);
            }

            HttpResponseMessage? response = null;
            string text;
            try
            {
                response = await _http.SendAsync(request, cancellationToken);
                DiscordMetrics.RestCall(method.Method, (int)response.StatusCode);
                text = await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (Exception e) when ((e is HttpRequestException or IOException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
            {
                response?.Dispose();

                // A request that never left (no connection could be made) may always be sent again;
                // one that may have reached Discord only when sending it twice is harmless.
                if ((replayable || NeverSent(e)) && NextRetryWait(ref failures, ref waited) is { } wait)
                {
                    LogRetrying(_logger, route, failures + 1, MaxAttempts, e.GetType().Name, wait.TotalMilliseconds);
                    await Task.Delay(wait, _clock, cancellationToken);
                    continue;
                }

                throw;
            }

            using (response)
            {
                _limits.Update(route, response.Headers, _clock);
                if (response.IsSuccessStatusCode)
                {
                    return JsonDocument.Parse(text.Length == 0 ? "null" : text);
                }

                // A 429 means Discord did not act on the request: waiting it out and sending again is
                // safe for every route, callbacks included.
                if (response.StatusCode == HttpStatusCode.TooManyRequests && rateLimited++ < _options.RestMaxRetries)
                {
                    var wait = RetryAfter(response, text);
                    var global = response.Headers.TryGetValues("X-RateLimit-Global", out var g) && g.Contains("true", StringComparer.OrdinalIgnoreCase);
                    _limits.Block(global ? null : route, _clock.GetUtcNow() + wait);
                    LogRateLimited(_logger, route, wait.TotalMilliseconds, global);
                    continue;
                }

                if ((int)response.StatusCode >= 500)
                {
                    if (replayable && NextRetryWait(ref failures, ref waited) is { } wait)
                    {
                        LogRetrying(_logger, route, failures + 1, MaxAttempts, $"{(int)response.StatusCode}", wait.TotalMilliseconds);
                        await Task.Delay(wait, _clock, cancellationToken);
                        continue;
                    }

                    throw Refused(route, response.StatusCode, text, replayable
                        ? $"gave up after {failures} attempt{(failures == 1 ? string.Empty : "s")}"
                        : "not retried: Discord may have acted on it, and sending it again could act twice");
                }

                throw Refused(route, response.StatusCode, text);
            }
        }
    }

    /// <summary>
    /// The wait before the next attempt, counting this failure; null when the attempts or the total
    /// wait are used up. Exponential with jitter, so that many requests failing together do not
    /// come back together.
    /// </summary>
    private TimeSpan? NextRetryWait(ref int failures, ref TimeSpan waited)
    {
        failures++;
        if (failures >= MaxAttempts)
        {
            return null;
        }

        var wait = FirstRetryDelay * Math.Pow(2, failures - 1) * (0.5 + (Random.Shared.NextDouble() / 2));
        if (waited + wait > MaxRetryWait)
        {
            return null;
        }

        waited += wait;
        return wait;
    }

    /// <summary>Failures before any byte of the request went out: no name, no connection, no TLS.</summary>
    private static bool NeverSent(Exception e) =>
        e is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError };

    private static TimeSpan RetryAfter(HttpResponseMessage response, string body)
    {
        try
        {
            if (JsonSerializer.Deserialize(body, DiscordJsonContext.Default.RateLimitBody)?.RetryAfter is { } seconds and >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }
        catch (JsonException)
        {
            // Fall back to the header.
        }

        return response.Headers.TryGetValues("Retry-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var header)
            ? TimeSpan.FromSeconds(header)
            : TimeSpan.FromSeconds(1);
    }

    private static DiscordRestException Refused(string route, HttpStatusCode status, string body, string? retries = null)
    {
        DiscordError? error = null;
        try
        {
            error = JsonSerializer.Deserialize(body, DiscordJsonContext.Default.DiscordError);
        }
        catch (JsonException)
        {
            // Not Discord's error shape; report the status alone.
        }

        var message = error?.Message ?? (status == HttpStatusCode.Unauthorized ? "the bot token was refused" : "no details");
        if (error?.Errors is { } details)
        {
            message += " " + details.GetRawText();
        }

        message = DiscordLimits.Prefix(message, 500);
        return new DiscordRestException(route, status, error?.Code, retries is null ? message : $"{message} ({retries})");
    }

    /// <summary>The route with ids and tokens replaced, except the major parameters Discord buckets by.</summary>
    internal static string RouteTemplate(string path)
    {
        var parts = path.Split('/');
        for (var i = 1; i < parts.Length; i++)
        {
            var previous = parts[i - 1];
            var major = previous is "channels" or "guilds" or "webhooks";
            if (!major && (parts[i].All(char.IsAsciiDigit) || previous == "interactions" || (i >= 2 && parts[i - 2] == "interactions")))
            {
                parts[i] = "{id}";
            }
        }

        return string.Join('/', parts);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Route} failed ({Reason}): attempt {Attempt} of {MaxAttempts} in {Milliseconds} ms")]
    private static partial void LogRetrying(ILogger logger, string route, int attempt, int maxAttempts, string reason, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limited on {Route}: waiting {Milliseconds} ms (global: {Global})")]
    private static partial void LogRateLimited(ILogger logger, string route, double milliseconds, bool global);
}
