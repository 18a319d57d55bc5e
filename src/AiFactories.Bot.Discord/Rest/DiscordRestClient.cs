using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
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
/// </summary>
public sealed partial class DiscordRestClient : IDiscordRest
{
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
        using var _ = await SendAsync(HttpMethod.Post, $"channels/{Uri.EscapeDataString(channelId)}/messages", message, DiscordJsonContext.Default.CreateMessage, cancellationToken);
    }

    public async Task CreateInteractionResponseAsync(string interactionId, string token, InteractionResponse response, CancellationToken cancellationToken)
    {
        var path = $"interactions/{Uri.EscapeDataString(interactionId)}/{Uri.EscapeDataString(token)}/callback";
        using var _ = await SendAsync(HttpMethod.Post, path, response, DiscordJsonContext.Default.InteractionResponse, cancellationToken, authorize: false);
    }

    private async Task<JsonDocument> SendAsync<T>(HttpMethod method, string path, T body, JsonTypeInfo<T>? type, CancellationToken cancellationToken, bool authorize = true)
    {
        var route = $"{method} /{RouteTemplate(path)}";
        var payload = type is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, type);
        for (var attempt = 0; ; attempt++)
        {
            await _limits.WaitAsync(route, _clock, cancellationToken);
            using var request = new HttpRequestMessage(method, path);
            if (payload is not null)
            {
                request.Content = new ByteArrayContent(payload);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            request.Headers.UserAgent.ParseAdd($"DiscordBot ({_options.UserAgentUrl}, {Version})");
            if (authorize)
            {
                if (string.IsNullOrWhiteSpace(_options.BotToken))
                {
                    throw new InvalidOperationException($"{DiscordOptions.Section}:BotToken is not set");
                }

                request.Headers.Authorization = new AuthenticationHeaderValue("Bot", _options.BotToken);
            }

            using var response = await _http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            _limits.Update(route, response.Headers, _clock);
            if (response.IsSuccessStatusCode)
            {
                return JsonDocument.Parse(text.Length == 0 ? "null" : text);
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < _options.RestMaxRetries)
            {
                var wait = RetryAfter(response, text);
                var global = response.Headers.TryGetValues("X-RateLimit-Global", out var g) && g.Contains("true", StringComparer.OrdinalIgnoreCase);
                _limits.Block(global ? null : route, _clock.GetUtcNow() + wait);
                LogRateLimited(_logger, route, wait.TotalMilliseconds, global);
                continue;
            }

            if ((int)response.StatusCode >= 500 && attempt < _options.RestMaxRetries)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * (attempt + 1)), _clock, cancellationToken);
                continue;
            }

            throw Refused(route, response.StatusCode, text);
        }
    }

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

    private static DiscordRestException Refused(string route, HttpStatusCode status, string body)
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

        return new DiscordRestException(route, status, error?.Code, DiscordLimits.Prefix(message, 500));
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limited on {Route}: waiting {Milliseconds} ms (global: {Global})")]
    private static partial void LogRateLimited(ILogger logger, string route, double milliseconds, bool global);
}
