using System.Net;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Discord.Rest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace AiFactories.Bot.Discord.Tests;

/// <summary>A slow private reply is deferred at once and completed by editing it, retried while Discord does not know it yet.</summary>
public sealed class DeferredRepliesTests
{
    private static InteractionContext Context(IServiceProvider services, string? token = "tok") =>
        new(new Interaction { Id = "1", ApplicationId = "2", Type = InteractionType.ApplicationCommand, Token = token }, services);

    [Fact]
    public async Task DefersThenEditsTheReplyRetryingWhileDiscordDoesNotKnowItYet()
    {
        var rest = new Mock<IDiscordRest>();
        rest.SetupSequence(r => r.EditOriginalResponseAsync("2", "tok", It.IsAny<EditMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DiscordRestException("PATCH /webhooks", HttpStatusCode.NotFound, 10008, "Unknown Message"))
            .Returns(Task.CompletedTask);
        using var services = new ServiceCollection().AddSingleton(rest.Object).BuildServiceProvider();
        var replies = new DeferredReplies(services, NullLogger<DeferredReplies>.Instance);

        var response = await replies.DeferAsync(Context(services), "/test", _ => Task.FromResult(new EditMessage { Content = "done" }), _ => new EditMessage { Content = "failed" });
        await replies.Running;

        Assert.Equal(CallbackType.DeferredChannelMessageWithSource, response.Type);
        Assert.Equal(MessageFlags.Ephemeral, response.Data!.Flags);
        rest.Verify(r => r.EditOriginalResponseAsync("2", "tok", It.Is<EditMessage>(m => m.Content == "done"), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task EditsWithTheFailureReplyWhenMakingTheReplyThrows()
    {
        var rest = new Mock<IDiscordRest>();
        using var services = new ServiceCollection().AddSingleton(rest.Object).BuildServiceProvider();
        var replies = new DeferredReplies(services, NullLogger<DeferredReplies>.Instance);

        await replies.DeferAsync(Context(services), "/test", _ => throw new InvalidOperationException("store down"), e => new EditMessage { Content = "failed: " + e.Message });
        await replies.Running;

        rest.Verify(r => r.EditOriginalResponseAsync("2", "tok", It.Is<EditMessage>(m => m.Content == "failed: store down"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task AnswersDirectlyAndPrivatelyWithoutATokenToEditLater()
    {
        var rest = new Mock<IDiscordRest>();
        using var services = new ServiceCollection().AddSingleton(rest.Object).BuildServiceProvider();
        var replies = new DeferredReplies(services, NullLogger<DeferredReplies>.Instance);

        var response = await replies.DeferAsync(Context(services, token: null), "/test", _ => Task.FromResult(new EditMessage { Content = "done" }), _ => new EditMessage { Content = "failed" });

        Assert.Equal(CallbackType.ChannelMessageWithSource, response.Type);
        Assert.Equal("done", response.Data!.Content);
        Assert.Equal(MessageFlags.Ephemeral, response.Data.Flags);
        rest.VerifyNoOtherCalls();
    }
}
