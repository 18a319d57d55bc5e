using System.Net;
using System.Text.Json;
using AiFactories.Bot.Discord.Gateway;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Discord.Rest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace AiFactories.Bot.Discord.Tests.Gateway;

/// <summary>Which REST calls the gateway path makes, with the REST client and the mention handler mocked at their seams.</summary>
public sealed class GatewayInteractionRouterTests : IAsyncDisposable
{
    private const string Self = "900";

    private sealed class EchoCommand : IInteractionCommand
    {
        public CommandDeclaration Declaration { get; } = new("echo", "Echoes");

        public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(InteractionResponse.Message(new InteractionCallbackData { Content = "echo", AllowedMentions = AllowedMentions.None }));
    }

    private readonly Mock<IDiscordRest> _rest = new(MockBehavior.Strict);
    private readonly Mock<IMentionHandler> _mentions = new(MockBehavior.Strict);
    private readonly GatewayInteractionRouter _router;

    public GatewayInteractionRouterTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IInteractionCommand, EchoCommand>();
        services.AddSingleton<CommandRegistry>();
        var provider = services.BuildServiceProvider();
        var dispatcher = new InteractionDispatcher(provider.GetRequiredService<CommandRegistry>(), provider.GetRequiredService<IServiceScopeFactory>(), NullLogger<InteractionDispatcher>.Instance);
        _router = new GatewayInteractionRouter(dispatcher, _rest.Object, _mentions.Object, Options.Create(new DiscordOptions { MentionCooldownSeconds = 0 }), TimeProvider.System, NullLogger<GatewayInteractionRouter>.Instance);
    }

    private static GatewayDispatch Dispatch(string name, string json) => new(0, 1, Self, name, JsonDocument.Parse(json).RootElement.Clone());

    private static string Interaction(string id) =>
        $$$"""{"id":"{{{id}}}","application_id":"1","type":2,"token":"tok-{{{id}}}","channel_id":"5","member":{"user":{"id":"7","username":"u"}},"data":{"id":"8","name":"echo","type":1}}""";

    private static string Mention(string id, string content, bool fromBot = false) =>
        $$$"""{"id":"{{{id}}}","channel_id":"c{{{id}}}","content":{{{JsonSerializer.Serialize(content)}}},"author":{"id":"{{{(fromBot ? "901" : "7")}}}","username":"u","bot":{{{(fromBot ? "true" : "false")}}}},"mentions":[{"id":"{{{Self}}}","username":"aif"}]}""";

    private async Task DrainAsync() => await _router.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);

    [Fact]
    public async Task AnswersAnInteractionOnceThroughItsCallbackEvenWhenAResumeReplaysIt()
    {
        _rest.Setup(r => r.CreateInteractionResponseAsync("101", "tok-101", It.Is<InteractionResponse>(x => x.Data!.Content == "echo"), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);

        await _router.OnDispatchAsync(Dispatch("INTERACTION_CREATE", Interaction("101")), CancellationToken.None);
        await _router.OnDispatchAsync(Dispatch("INTERACTION_CREATE", Interaction("101")), CancellationToken.None);
        await DrainAsync();

        _rest.Verify(r => r.CreateInteractionResponseAsync("101", "tok-101", It.IsAny<InteractionResponse>(), It.IsAny<CancellationToken>()), Times.Once);
        _rest.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task RepliesToAMentionWithTheHandlersAnswerPingingOnlyTheAsker()
    {
        _mentions.Setup(m => m.AnswerAsync(It.IsAny<GatewayMessage>(), "who hosts it?", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new InteractionCallbackData { Content = "an answer" });
        CreateMessage? sent = null;
        _rest.Setup(r => r.CreateMessageAsync("c201", It.IsAny<CreateMessage>(), It.IsAny<CancellationToken>()))
            .Callback<string, CreateMessage, CancellationToken>((_, message, _) => sent = message)
            .Returns(Task.CompletedTask);

        await _router.OnDispatchAsync(Dispatch("MESSAGE_CREATE", Mention("201", $"<@{Self}> who hosts it?")), CancellationToken.None);
        await DrainAsync();

        Assert.NotNull(sent);
        Assert.Equal("an answer", sent.Content);
        Assert.Equal("201", sent.MessageReference!.MessageId);
        Assert.Empty(sent.AllowedMentions!.Parse!);
        Assert.True(sent.AllowedMentions.RepliedUser);
    }

    [Fact]
    public async Task IgnoresMessagesFromBotsWithoutCallingTheHandlerOrDiscord()
    {
        await _router.OnDispatchAsync(Dispatch("MESSAGE_CREATE", Mention("202", $"<@{Self}> hello", fromBot: true)), CancellationToken.None);
        await DrainAsync();

        _mentions.VerifyNoOtherCalls();
        _rest.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task KeepsAnsweringAfterTheRestClientFails()
    {
        _mentions.Setup(m => m.AnswerAsync(It.IsAny<GatewayMessage>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new InteractionCallbackData { Content = "an answer" });
        var firstTried = new TaskCompletionSource();
        _rest.Setup(r => r.CreateMessageAsync("c301", It.IsAny<CreateMessage>(), It.IsAny<CancellationToken>()))
            .Callback(firstTried.SetResult)
            .ThrowsAsync(new DiscordRestException("POST /channels/{id}/messages", HttpStatusCode.InternalServerError, null, "500: Internal Server Error"));
        _rest.Setup(r => r.CreateMessageAsync("c302", It.IsAny<CreateMessage>(), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);

        await _router.OnDispatchAsync(Dispatch("MESSAGE_CREATE", Mention("301", $"<@{Self}> first")), CancellationToken.None);
        await firstTried.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await _router.OnDispatchAsync(Dispatch("MESSAGE_CREATE", Mention("302", $"<@{Self}> second")), CancellationToken.None);
        await DrainAsync();

        _rest.Verify(r => r.CreateMessageAsync("c301", It.IsAny<CreateMessage>(), It.IsAny<CancellationToken>()), Times.Once);
        _rest.Verify(r => r.CreateMessageAsync("c302", It.IsAny<CreateMessage>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData("""{"id":null,"application_id":"1","type":2,"token":"tok-x","data":{"id":"8","name":"echo","type":1}}""")]
    [InlineData("""{"id":"102","type":"two","token":"tok-102"}""")]
    [InlineData("""{"id":"103","type":2,"token":123}""")]
    [InlineData("""{"id":"104","type":2}""")]
    [InlineData("""{"id":{"nested":true},"type":2,"token":"tok-105"}""")]
    [InlineData("""{"id":"106","type":99999999999999999999,"token":"tok-106"}""")]
    [InlineData("""{"id":"107","type":2,"token":"tok-107","data":{"options":"none"}}""")]
    [InlineData("\"just a string\"")]
    [InlineData("null")]
    public async Task DropsAnInteractionWithBadFieldsAndAnswersTheNextOverTheGateway(string data)
    {
        var answered = new TaskCompletionSource();
        _rest.Setup(r => r.CreateInteractionResponseAsync("101", "tok-101", It.IsAny<InteractionResponse>(), It.IsAny<CancellationToken>()))
            .Callback(answered.SetResult)
            .Returns(Task.CompletedTask);
        var gateway = new ScriptedGateway();
        var settings = new GatewayShardSettings(new Uri("wss://gateway.test"), "secret-token", 513, 0, 1);
        var client = new GatewayClient(settings, gateway, _router, new IdentifyGate(TimeProvider.System), TimeProvider.System, NullLogger<GatewayClient>.Instance);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var run = client.RunAsync(stop.Token);
        var connection = await gateway.NextConnectionAsync();
        connection.Hello(60_000);
        await connection.ExpectAsync(2);
        connection.Ready(1);

        connection.Send($$"""{"op":0,"s":2,"t":"INTERACTION_CREATE","d":{{data}}}""");
        connection.Send("""{"op":0,"s":3,"t":"INTERACTION_CREATE"}""");
        connection.Dispatch(4, "MESSAGE_CREATE", $$$"""{"id":"201","channel_id":null,"author":{"id":"7"},"mentions":[{"id":"{{{Self}}}"}]}""");
        connection.Dispatch(5, "MESSAGE_CREATE", """{"id":"202","channel_id":"c202","author":{"id":"7"},"mentions":[null,{"id":"555"}]}""");
        connection.Dispatch(6, "INTERACTION_CREATE", Interaction("101"));

        // Frames are read in order: once 101 is answered, every bad one before it was read.
        await answered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await DrainAsync();
        Assert.False(run.IsCompleted);
        Assert.Single(gateway.Connections);
        Assert.Null(connection.ClientCloseCode);
        _rest.Verify(r => r.CreateInteractionResponseAsync("101", "tok-101", It.IsAny<InteractionResponse>(), It.IsAny<CancellationToken>()), Times.Once);
        _rest.VerifyNoOtherCalls();
        _mentions.VerifyNoOtherCalls();
        await stop.CancelAsync();
        await run;
    }

    public async ValueTask DisposeAsync() => await DrainAsync();
}
