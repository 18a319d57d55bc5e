using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Discord.Rest;
using AiFactories.Bot.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Discord.Tests;

/// <summary>The REST client against a local fake Discord on loopback.</summary>
public sealed class DiscordRestClientTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(DateTimeOffset At, string Path, string? Authorization, string? UserAgent, string Body)> _requests = new();
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();
    private WebApplication? _fake;
    private string _baseUrl = string.Empty;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _fake = builder.Build();
        _fake.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            _requests.Enqueue((DateTimeOffset.UtcNow, context.Request.Path, context.Request.Headers.Authorization, context.Request.Headers.UserAgent, await reader.ReadToEndAsync()));
            if (_script.TryDequeue(out var step))
            {
                await step(context);
            }
            else
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("[]");
            }
        });
        await _fake.StartAsync();
        _baseUrl = _fake.Urls.First() + "/api/v10/";
    }

    public async Task DisposeAsync()
    {
        if (_fake is not null)
        {
            await _fake.DisposeAsync();
        }
    }

    private DiscordRestClient Client(TimeSpan? firstRetryDelay = null, HttpMessageHandler? handler = null, string? baseUrl = null) => new(
        handler is null ? new HttpClient() : new HttpClient(handler),
        Options.Create(new DiscordOptions { ApiBaseUrl = baseUrl ?? _baseUrl, BotToken = "test-token", ApplicationId = "42" }),
        new RateLimitState(),
        TimeProvider.System,
        NullLogger<DiscordRestClient>.Instance)
    {
        // Short backoff: the tests count attempts, not milliseconds.
        FirstRetryDelay = firstRetryDelay ?? TimeSpan.FromMilliseconds(20),
    };

    private const string GatewayBotJson = """{"url":"wss://gateway.discord.gg","shards":1,"session_start_limit":{"total":1000,"remaining":999,"reset_after":0,"max_concurrency":1}}""";

    private static readonly InteractionResponse Answer = InteractionResponse.Message(new InteractionCallbackData { Content = "an answer" });

    private static readonly CreateMessage Reply = new() { Content = "a reply", AllowedMentions = new AllowedMentions { Parse = [] } };

    /// <summary>Breaks the connection after the request arrived, before any answer: the request may have been acted on.</summary>
    private static readonly Func<HttpContext, Task> Abort = context =>
    {
        context.Abort();
        return Task.CompletedTask;
    };

    /// <summary>Counts the requests the client tries to send, including those that never reach a server.</summary>
    private sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        public int Sent;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Sent);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private static readonly ApplicationCommand[] Commands = [new() { Name = "ask", Description = "Asks", DefaultMemberPermissions = "0" }];

    private static Func<HttpContext, Task> Respond(int status, string body, params (string Name, string Value)[] headers) => async context =>
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    };

    [Fact]
    public async Task SendsTheBotTokenAndTheUserAgentDiscordAsksFor()
    {
        _script.Enqueue(Respond(200, """[{"id":"1","name":"ask"}]"""));

        var count = await Client().BulkOverwriteCommandsAsync("42", null, Commands, CancellationToken.None);

        Assert.Equal(1, count);
        var request = Assert.Single(_requests);
        Assert.Equal("/api/v10/applications/42/commands", request.Path);
        Assert.Equal("Bot test-token", request.Authorization);
        Assert.StartsWith("DiscordBot (", request.UserAgent);
    }

    [Fact]
    public async Task UsesTheGuildRouteForOneServer()
    {
        await Client().BulkOverwriteCommandsAsync("42", "1234", Commands, CancellationToken.None);

        Assert.Equal("/api/v10/applications/42/guilds/1234/commands", Assert.Single(_requests).Path);
    }

    [Fact]
    public async Task WaitsForTheBucketToResetWhenNoRequestsRemain()
    {
        _script.Enqueue(Respond(200, "[]", ("X-RateLimit-Bucket", "abc"), ("X-RateLimit-Limit", "1"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset-After", "0.4")));
        var client = Client();

        await client.BulkOverwriteCommandsAsync("42", null, Commands, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        await client.BulkOverwriteCommandsAsync("42", null, Commands, CancellationToken.None);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(300), $"second request after {clock.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(2, _requests.Count);
    }

    [Fact]
    public async Task WaitsOutA429AndRetries()
    {
        _script.Enqueue(Respond(429, """{"message":"You are being rate limited.","retry_after":0.3,"global":false}""", ("Retry-After", "1"), ("X-RateLimit-Scope", "user")));
        _script.Enqueue(Respond(200, """[{"id":"1"}]"""));
        var clock = Stopwatch.StartNew();

        var count = await Client().BulkOverwriteCommandsAsync("42", null, Commands, CancellationToken.None);

        Assert.Equal(1, count);
        var requests = _requests.ToArray();
        Assert.Equal(2, requests.Length);
        var gap = requests[1].At - requests[0].At;
        Assert.True(gap >= TimeSpan.FromMilliseconds(250), $"retried after {gap.TotalMilliseconds} ms");

        // retry_after in the body (0.3 s) wins over the whole-second Retry-After header.
        Assert.True(gap < TimeSpan.FromMilliseconds(900), $"retried after {gap.TotalMilliseconds} ms");
        Assert.True(clock.Elapsed >= gap);
    }

    [Fact]
    public async Task ReportsA401WithoutRetrying()
    {
        _script.Enqueue(Respond(401, """{"message":"401: Unauthorized","code":0}"""));

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => Client().BulkOverwriteCommandsAsync("42", null, Commands, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Contains("PUT /applications/{id}/commands failed: 401", error.Message);
        Assert.Contains("401: Unauthorized", error.Message);
        Assert.DoesNotContain("test-token", error.Message);
        Assert.Single(_requests);
    }

    [Fact]
    public async Task ReportsDiscordsValidationErrorsOnA400()
    {
        _script.Enqueue(Respond(400, """{"message":"Invalid Form Body","code":50035,"errors":{"0":{"name":{"_errors":[{"code":"APPLICATION_COMMAND_INVALID_NAME","message":"Command name is invalid"}]}}}}"""));

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => Client().BulkOverwriteCommandsAsync("42", null, Commands, CancellationToken.None));

        Assert.Equal(50035, error.Code);
        Assert.Contains("Command name is invalid", error.Message);
        Assert.Single(_requests);
    }

    [Fact]
    public async Task RetriesAGetAfterTwoServerErrors()
    {
        _script.Enqueue(Respond(500, """{"message":"500: Internal Server Error","code":0}"""));
        _script.Enqueue(Respond(502, "<html>Bad Gateway</html>"));
        _script.Enqueue(Respond(200, GatewayBotJson));

        var gateway = await Client().GetGatewayBotAsync(CancellationToken.None);

        Assert.Equal("wss://gateway.discord.gg", gateway.Url);
        Assert.Equal(3, _requests.Count);
    }

    [Fact]
    public async Task GivesUpOnAGetAfterThreeAttempts()
    {
        for (var i = 0; i < 5; i++)
        {
            _script.Enqueue(Respond(503, """{"message":"upstream connect error"}"""));
        }

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => Client().GetGatewayBotAsync(CancellationToken.None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Status);
        Assert.Contains("gave up after 3 attempts", error.Message);
        Assert.Equal(DiscordRestClient.MaxAttempts, _requests.Count);
    }

    [Fact]
    public async Task RetriesAGetAfterTheConnectionBreaks()
    {
        _script.Enqueue(Abort);
        _script.Enqueue(Respond(200, GatewayBotJson));

        await Client().GetGatewayBotAsync(CancellationToken.None);

        Assert.Equal(2, _requests.Count);
    }

    [Fact]
    public async Task RetriesARegistrationPutAfterAServerError()
    {
        _script.Enqueue(Respond(500, "{}"));
        _script.Enqueue(Respond(200, """[{"id":"1"}]"""));

        Assert.Equal(1, await Client().BulkOverwriteCommandsAsync("42", null, Commands, CancellationToken.None));
        Assert.Equal(2, _requests.Count);
    }

    [Fact]
    public async Task SendsAnInteractionCallbackOnceWhenDiscordAnswers500()
    {
        _script.Enqueue(Respond(500, """{"message":"500: Internal Server Error","code":0}"""));
        _script.Enqueue(Respond(500, """{"message":"500: Internal Server Error","code":0}"""));

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => Client().CreateInteractionResponseAsync("123", "secret-interaction-token", Answer, CancellationToken.None));

        var request = Assert.Single(_requests);
        Assert.Contains("an answer", request.Body);
        Assert.Equal(HttpStatusCode.InternalServerError, error.Status);
        Assert.Contains("POST /interactions/{id}/{id}/callback failed: 500", error.Message);
        Assert.Contains("not retried", error.Message);
        Assert.DoesNotContain("secret-interaction-token", error.Message);
    }

    [Fact]
    public async Task SendsAnInteractionCallbackOnceWhenTheConnectionBreaksAfterSending()
    {
        _script.Enqueue(Abort);

        await Assert.ThrowsAsync<HttpRequestException>(() => Client().CreateInteractionResponseAsync("123", "tok", Answer, CancellationToken.None));

        Assert.Single(_requests);
    }

    [Fact]
    public async Task RetriesAnInteractionCallbackThatNeverLeft()
    {
        // A port nothing listens on: the connection is refused before any byte of the request is sent.
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var handler = new CountingHandler();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            Client(handler: handler, baseUrl: $"http://127.0.0.1:{port}/api/v10/").CreateInteractionResponseAsync("123", "tok", Answer, CancellationToken.None));

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.Equal(DiscordRestClient.MaxAttempts, handler.Sent);
    }

    [Fact]
    public async Task WaitsOutA429OnAnInteractionCallbackAndSendsItAgain()
    {
        _script.Enqueue(Respond(429, """{"message":"You are being rate limited.","retry_after":0.05,"global":false}"""));

        await Client().CreateInteractionResponseAsync("123", "tok", Answer, CancellationToken.None);

        Assert.Equal(2, _requests.Count);
    }

    [Fact]
    public async Task RetriesAMessageCreateWithTheSameNonceAfterA500()
    {
        _script.Enqueue(Respond(500, "{}"));
        _script.Enqueue(Respond(200, """{"id":"1"}"""));

        await Client().CreateMessageAsync("7", Reply, CancellationToken.None);

        var bodies = _requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToArray();
        Assert.Equal(2, bodies.Length);
        var nonce = bodies[0].GetProperty("nonce").GetString();
        Assert.InRange(nonce!.Length, 1, 25);
        Assert.Equal(nonce, bodies[1].GetProperty("nonce").GetString());
        Assert.All(bodies, b => Assert.True(b.GetProperty("enforce_nonce").GetBoolean()));
        Assert.Equal(bodies[0].GetRawText(), bodies[1].GetRawText());
    }

    [Fact]
    public async Task RetriesAMessageCreateWithTheSameNonceAfterTheConnectionBreaks()
    {
        _script.Enqueue(Abort);

        await Client().CreateMessageAsync("7", Reply, CancellationToken.None);

        var bodies = _requests.Select(r => r.Body).ToArray();
        Assert.Equal(2, bodies.Length);
        Assert.Equal(bodies[0], bodies[1]);
    }

    [Fact]
    public async Task GivesEachMessageANonceOfItsOwn()
    {
        var client = Client();

        await client.CreateMessageAsync("7", Reply, CancellationToken.None);
        await client.CreateMessageAsync("7", Reply, CancellationToken.None);

        var nonces = _requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("nonce").GetString()).ToArray();
        Assert.Equal(2, nonces.Distinct().Count());
    }

    [Fact]
    public async Task StopsRetryingWhenTheNextWaitWouldPassTheCap()
    {
        _script.Enqueue(Respond(500, "{}"));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => Client(firstRetryDelay: TimeSpan.FromHours(1)).GetGatewayBotAsync(CancellationToken.None));

        Assert.Single(_requests);
        Assert.Contains("gave up after 1 attempt", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{clock.Elapsed}");
    }

    [SkippableFact]
    public async Task SendsAMessageCreateBodyThatValidatesAgainstDiscordsOpenApiDescription()
    {
        Skip.IfNot(OpenApiSchemas.Available, OpenApiSchemas.SkipReason);

        await Client().CreateMessageAsync("7", Reply, CancellationToken.None);

        OpenApiSchemas.AssertValid("MessageCreateRequest", Assert.Single(_requests).Body);
    }

    [SkippableFact]
    public async Task SendsARegistrationBodyThatValidatesAgainstDiscordsOpenApiDescription()
    {
        Skip.IfNot(OpenApiSchemas.Available, OpenApiSchemas.SkipReason);

        await Client().BulkOverwriteCommandsAsync("42", null, Commands, CancellationToken.None);

        OpenApiSchemas.AssertValidCommands(Assert.Single(_requests).Body);
    }

    [Theory]
    [InlineData("applications/42/commands", "applications/{id}/commands")]
    [InlineData("applications/42/guilds/99/commands", "applications/{id}/guilds/99/commands")]
    [InlineData("interactions/123/secret-token/callback", "interactions/{id}/{id}/callback")]
    public void KeysRateLimitsByRouteWithMajorParameters(string path, string expected) =>
        Assert.Equal(expected, DiscordRestClient.RouteTemplate(path));
}
