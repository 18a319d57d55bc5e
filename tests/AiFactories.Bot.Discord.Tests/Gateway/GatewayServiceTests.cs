using AiFactories.Bot.Discord.Gateway;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Discord.Rest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace AiFactories.Bot.Discord.Tests.Gateway;

/// <summary>How the gateway service stops for good and says why: the `gateway` command exits 1 with that reason.</summary>
public sealed class GatewayServiceTests
{
    private readonly ScriptedGateway _gateway = new();
    private readonly Mock<IDiscordRest> _rest = new();
    private readonly Mock<IHostApplicationLifetime> _lifetime = new();

    private sealed class NullSink : IGatewayEventSink
    {
        public ValueTask OnDispatchAsync(GatewayDispatch dispatch, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private GatewayService Service(int shards)
    {
        // One identify bucket per shard, so that no shard waits five seconds for its turn.
        _rest.Setup(r => r.GetGatewayBotAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(new GatewayBot { Url = "wss://gateway.test", Shards = shards, SessionStartLimit = new SessionStartLimit { MaxConcurrency = shards } });
        return new GatewayService(
            _rest.Object,
            Options.Create(new DiscordOptions { BotToken = "secret-token" }),
            _gateway,
            new NullSink(),
            new IdentifyGate(TimeProvider.System),
            TimeProvider.System,
            NullLoggerFactory.Instance,
            _lifetime.Object);
    }

    /// <summary>Connects every shard (Hello, Identify); returns the connections by shard id.</summary>
    private async Task<Dictionary<int, ScriptedConnection>> IdentifiedAsync(int shards)
    {
        var connections = new Dictionary<int, ScriptedConnection>();
        for (var i = 0; i < shards; i++)
        {
            var connection = await _gateway.NextConnectionAsync();
            connection.Hello(60_000);
            var identify = await connection.ExpectAsync(2);
            connections[identify.GetProperty("d").GetProperty("shard")[0].GetInt32()] = connection;
        }

        return connections;
    }

    [Theory]
    [InlineData(4004, "Discord:BotToken")]
    [InlineData(4013, "Discord:Intents")]
    [InlineData(4014, "Privileged Gateway Intents")]
    public async Task StopsEveryShardAndKeepsTheReasonWhenOneIsRefusedForGood(int code, string fix)
    {
        using var service = Service(shards: 2);
        await service.StartAsync(CancellationToken.None);
        var connections = await IdentifiedAsync(2);

        connections[1].Close(code);
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotNull(service.Fatal);
        Assert.Contains($"close {code}", service.Fatal);
        Assert.Contains(fix, service.Fatal);
        Assert.DoesNotContain("secret-token", service.Fatal);
        Assert.DoesNotContain('\n', service.Fatal);
        Assert.Equal(code, service.FatalCloseCode);

        // The healthy shard is closed too, as a shutdown (1000), and the host is told to stop.
        Assert.Equal(1000, connections[0].ClientCloseCode);
        _lifetime.Verify(l => l.StopApplication(), Times.Once);
    }

    [Fact]
    public async Task ReportsAFailureThatIsNotARefusalAsFatalToo()
    {
        _rest.Setup(r => r.GetGatewayBotAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("something broke\nbadly"));
        using var service = new GatewayService(
            _rest.Object, Options.Create(new DiscordOptions { BotToken = "secret-token" }), _gateway, new NullSink(),
            new IdentifyGate(TimeProvider.System), TimeProvider.System, NullLoggerFactory.Instance, _lifetime.Object);

        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("the gateway failed: InvalidOperationException: something broke badly", service.Fatal);
        Assert.Null(service.FatalCloseCode);
        _lifetime.Verify(l => l.StopApplication(), Times.Once);
    }

    [Fact]
    public async Task LeavesNoReasonAfterANormalShutdown()
    {
        using var service = Service(shards: 1);
        await service.StartAsync(CancellationToken.None);
        var connections = await IdentifiedAsync(1);

        await service.StopAsync(CancellationToken.None);

        Assert.Null(service.Fatal);
        Assert.Null(service.FatalCloseCode);
        Assert.Equal(1000, connections[0].ClientCloseCode);
        _lifetime.Verify(l => l.StopApplication(), Times.Never);
    }
}
