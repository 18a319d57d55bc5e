using System.Net;
using System.Text.Json;
using AiFactories.Bot.Hosting;
using AiFactories.Bot.Tests.Cli;
using AiFactories.Bot.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiFactories.Bot.Tests.Gateway;

/// <summary>The bot in gateway mode against a fake Discord (gateway and REST) on loopback, configured by settings alone.</summary>
public sealed class GatewayModeTests : IAsyncLifetime
{
    private FakeDiscord _discord = null!;
    private IHost _bot = null!;

    public async Task InitializeAsync()
    {
        _discord = await FakeDiscord.StartAsync();
        _bot = GatewayHost.Create(Settings(_discord));
        await _bot.StartAsync();
    }

    public async Task DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _bot.StopAsync(timeout.Token);
        _bot.Dispose();
        await _discord.DisposeAsync();
    }

    private static Dictionary<string, string?> Settings(FakeDiscord discord) => new()
    {
        ["Knowledge:CorpusPath"] = CliRunner.Corpus,
        ["Discord:BotToken"] = "gateway-test-token",
        ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl,
        ["Discord:MentionCooldownSeconds"] = "0",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Health:Urls"] = "http://127.0.0.1:0",
        ["Store:Enabled"] = "false",
    };

    private static string Ask(string id, string question) =>
        $$$"""{"id":"{{{id}}}","application_id":"1","type":2,"token":"tok-{{{id}}}","channel_id":"5","guild_id":"6","member":{"user":{"id":"7","username":"u"}},"data":{"id":"8","name":"ask","type":1,"options":[{"name":"question","type":3,"value":{{{JsonSerializer.Serialize(question)}}}}]}}""";

    private static string Mention(string id, string content, bool fromBot = false) =>
        $$"""{"id":"{{id}}","channel_id":"7{{id}}","guild_id":"6","content":{{JsonSerializer.Serialize(content)}},"author":{"id":"{{(fromBot ? "901" : "7")}}","username":"u","bot":{{(fromBot ? "true" : "false")}}},"mentions":[{"id":"900","username":"aif"}]}""";

    private async Task<FakeSocket> ReadyAsync()
    {
        var socket = await _discord.NextConnectionAsync();
        await socket.HelloAsync();
        var identify = await socket.ExpectAsync(2);
        Assert.Equal("gateway-test-token", identify.GetProperty("d").GetProperty("token").GetString());
        Assert.Contains("v=10", socket.Query);
        Assert.Contains("encoding=json", socket.Query);
        await socket.ReadyAsync(_discord.GatewayUrl + "?resumed=1");
        return socket;
    }

    [Fact]
    public async Task IsReadyOnlyOnceTheSessionIsAndServesMetricsOnItsHealthListener()
    {
        var address = ((Microsoft.AspNetCore.Builder.WebApplication)_bot).Urls.First();
        using var http = new HttpClient();

        using var before = await http.GetAsync(address + "/healthz/ready");
        using var live = await http.GetAsync(address + "/healthz/live");
        var socket = await ReadyAsync();
        HttpStatusCode after = default;
        for (var i = 0; i < 100 && after != HttpStatusCode.OK; i++)
        {
            using var ready = await http.GetAsync(address + "/healthz/ready");
            after = ready.StatusCode;
            await Task.Delay(50);
        }

        var metrics = await http.GetStringAsync(address + "/metrics");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after);
        Assert.Contains("aifactories_corpus_sites", metrics);
        Assert.NotNull(socket);
    }

    [Fact]
    public async Task AnswersInteractionsThroughTheCallbackAndMentionsAsReplies()
    {
        var socket = await ReadyAsync();

        await socket.DispatchAsync(2, "INTERACTION_CREATE", Ask("101", "Who hosts the AI Factory in Kajaani?"));
        await socket.DispatchAsync(3, "MESSAGE_CREATE", Mention("201", "<@900> which supercomputer is in Stuttgart?"));
        await socket.DispatchAsync(4, "MESSAGE_CREATE", Mention("202", "<@900> ignore me, I am a bot", fromBot: true));
        await _discord.WaitForAsync(() => !_discord.Callbacks.IsEmpty && !_discord.Messages.IsEmpty);
        await Task.Delay(200);

        var (interactionId, callback) = Assert.Single(_discord.Callbacks);
        Assert.Equal("101", interactionId);
        Assert.Contains("CSC", callback);
        var (channel, message) = Assert.Single(_discord.Messages);
        Assert.Equal("7201", channel);
        using var reply = JsonDocument.Parse(message);
        Assert.Equal("201", reply.RootElement.GetProperty("message_reference").GetProperty("message_id").GetString());
        Assert.Contains("HammerHAI", reply.RootElement.GetProperty("embeds")[0].GetProperty("description").GetString());
        var mentions = reply.RootElement.GetProperty("allowed_mentions");
        Assert.Equal(0, mentions.GetProperty("parse").GetArrayLength());
        Assert.True(mentions.GetProperty("replied_user").GetBoolean());
        if (OpenApiSchemas.Available)
        {
            OpenApiSchemas.AssertValidResponse(callback);
            OpenApiSchemas.AssertValid("MessageCreateRequest", message);
        }
    }

    [Fact]
    public async Task ResumesAfterADropAndAnswersEachReplayedInteractionOnce()
    {
        var socket = await ReadyAsync();
        await socket.DispatchAsync(2, "INTERACTION_CREATE", Ask("301", "What is Pharos?"));
        await _discord.WaitForAsync(() => _discord.Callbacks.Count == 1);

        socket.Drop();
        var resumed = await _discord.NextConnectionAsync();
        await resumed.HelloAsync();
        var resume = await resumed.ExpectAsync(6);
        Assert.Contains("resumed=1", resumed.Query);
        Assert.Equal("s-1", resume.GetProperty("d").GetProperty("session_id").GetString());
        Assert.Equal(2, resume.GetProperty("d").GetProperty("seq").GetInt64());

        // Discord replays what was missed; an event already handled may come again.
        await resumed.DispatchAsync(2, "INTERACTION_CREATE", Ask("301", "What is Pharos?"));
        await resumed.DispatchAsync(3, "INTERACTION_CREATE", Ask("302", "Where is the Swedish AI Factory?"));
        await resumed.DispatchAsync(4, "RESUMED", "{}");
        await _discord.WaitForAsync(() => _discord.Callbacks.Count >= 2);
        await Task.Delay(300);

        Assert.Equal(["301", "302"], _discord.Callbacks.Select(c => c.InteractionId).Order());
    }

    [Fact]
    public async Task AnswersAThousandInteractionsInARow()
    {
        var socket = await ReadyAsync();

        for (var i = 0; i < 1000; i++)
        {
            await socket.DispatchAsync(2 + i, "INTERACTION_CREATE", Ask($"{5000 + i}", i % 2 == 0 ? "Where is the Italian AI Factory?" : "stutgart"));
        }

        await _discord.WaitForAsync(() => _discord.Callbacks.Count >= 1000, seconds: 60);
        Assert.Equal(1000, _discord.Callbacks.Select(c => c.InteractionId).Distinct().Count());
    }

    [Fact]
    public async Task HeartbeatsAndClosesWith1000OnShutdown()
    {
        var socket = await ReadyAsync();
        await _discord.WaitForAsync(() => socket.Heartbeats >= 2, seconds: 5);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _bot.StopAsync(timeout.Token);
        await socket.Done.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, socket.ClientCloseStatus);
    }
}

public sealed class GatewayFatalCloseTests
{
    [Theory]
    [InlineData(4004, "Discord:BotToken")]
    [InlineData(4014, "Privileged Gateway Intents")]
    public async Task ExitsOneWithAClearMessageWhenDiscordRefusesTheBotForGood(int code, string fix)
    {
        await using var discord = await FakeDiscord.StartAsync();
        var run = CliRunner.RunAsync(["gateway"], extra: new Dictionary<string, string?>
        {
            ["Discord:BotToken"] = "refused-token",
            ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl,
            ["Logging:LogLevel:Default"] = "None",
            ["Health:Urls"] = "http://127.0.0.1:0",
        });

        var socket = await discord.NextConnectionAsync();
        await socket.HelloAsync();
        await socket.ExpectAsync(2);
        await socket.CloseAsync(code);
        var (exit, _, error) = await run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(1, exit);
        Assert.Contains($"close {code}", error);
        Assert.Contains(fix, error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain("refused-token", error);
    }

    [Fact]
    public async Task RefusesToStartWithoutAToken()
    {
        var (exit, _, error) = await CliRunner.RunAsync(["gateway"], extra: new Dictionary<string, string?> { ["Discord:BotToken"] = null });

        Assert.Equal(2, exit);
        Assert.Contains("missing setting Discord:BotToken", error);
    }
}
