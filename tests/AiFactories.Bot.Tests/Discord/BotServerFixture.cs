using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AiFactories.Bot.Hosting;
using AiFactories.Bot.Tests.Cli;
using AiFactories.Bot.Tests.Shared;
using Microsoft.AspNetCore.Builder;

namespace AiFactories.Bot.Tests.Discord;

/// <summary>The real `serve` application on a loopback port, with a key pair made for the test.</summary>
public class BotServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public TestSigner Signer { get; } = new();

    public HttpClient Http { get; } = new();

    public string BaseUrl { get; private set; } = string.Empty;

    public WebApplication App => _app ?? throw new InvalidOperationException("not started");

    /// <summary>
    /// The server's settings; the endpoint tests send many commands as one user, so per-user limits are
    /// off, and many bodies with the same interaction id, so replays are allowed (a test of its own
    /// turns replay refusal back on).
    /// </summary>
    protected virtual Dictionary<string, string?> Settings() => new()
    {
        ["Knowledge:CorpusPath"] = CliRunner.Corpus,
        ["Discord:ApplicationId"] = "1100000000000000000",
        ["Discord:PublicKey"] = Signer.PublicKeyHex,
        ["Logging:LogLevel:Default"] = "Warning",
        ["RateLimit:Enabled"] = "false",
        ["Discord:RejectReplays"] = "false",

        // No feedback store unless a test asks for one: nothing is written outside the test's folders.
        ["Store:Enabled"] = "false",
    };

    protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    public async Task InitializeAsync()
    {
        _app = BotWebApplication.Create(Settings(), "http://127.0.0.1:0", ConfigureServices);
        await _app.StartAsync();
        BaseUrl = _app.Urls.First();
    }

    public virtual async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>POSTs a body to /interactions, signed unless the caller supplies the headers itself.</summary>
    public async Task<(int Status, string Body, string? ContentType)> PostAsync(string body, Action<HttpRequestHeaders>? headers = null, string? timestamp = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + "/interactions") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (headers is null)
        {
            Signer.AddSignature(request.Headers, body, timestamp);
        }
        else
        {
            headers(request.Headers);
        }

        using var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>POSTs a signed body as a stream of unknown length, so it goes out in chunks without a Content-Length.</summary>
    public async Task<(int Status, string Body)> PostChunkedAsync(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + "/interactions") { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)), 4096) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;
        Signer.AddSignature(request.Headers, body);
        using var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>POSTs raw bytes with exactly the signature and timestamp header values given (none, one or several).</summary>
    public async Task<(int Status, string Body, string? ContentType)> PostBytesAsync(byte[] body, IReadOnlyList<string> signatures, IReadOnlyList<string> timestamps)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + "/interactions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var signature in signatures)
        {
            request.Headers.TryAddWithoutValidation("X-Signature-Ed25519", signature);
        }

        foreach (var timestamp in timestamps)
        {
            request.Headers.TryAddWithoutValidation("X-Signature-Timestamp", timestamp);
        }

        using var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A signed interaction that must be answered 200 with a JSON body; returns the body.</summary>
    public async Task<JsonElement> InteractAsync(string body)
    {
        var (status, text, contentType) = await PostAsync(body);
        Assert.True(status == 200, $"{status}: {text}");
        Assert.Equal("application/json", contentType);
        if (OpenApiSchemas.Available)
        {
            OpenApiSchemas.AssertValidResponse(text);
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string Command(string name, string options = "[]", int type = 2, string extra = "") =>
        $$"""{"id":"1200000000000000001","application_id":"1100000000000000000","type":{{type}},"token":"tok","locale":"en-US","guild_id":"1300000000000000000","channel_id":"1400000000000000000","member":{"user":{"id":"1500000000000000000","username":"alice"},"permissions":"2147483647"},"data":{"id":"1600000000000000000","name":"{{name}}","type":1,"options":{{options}}}{{extra}}}""";

    public static string Option(string name, string value, bool focused = false) =>
        $$"""{"name":"{{name}}","type":3,"value":{{JsonSerializer.Serialize(value)}}{{(focused ? ",\"focused\":true" : string.Empty)}}}""";
}
