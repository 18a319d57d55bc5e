using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
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

    private DiscordRestClient Client() => new(
        new HttpClient(),
        Options.Create(new DiscordOptions { ApiBaseUrl = _baseUrl, BotToken = "test-token", ApplicationId = "42" }),
        new RateLimitState(),
        TimeProvider.System,
        NullLogger<DiscordRestClient>.Instance);

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
