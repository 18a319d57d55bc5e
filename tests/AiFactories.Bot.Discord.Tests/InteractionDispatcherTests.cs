using System.Text.Json;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiFactories.Bot.Discord.Tests;

public sealed class InteractionDispatcherTests
{
    private sealed class EchoCommand : IInteractionCommand
    {
        public CommandDeclaration Declaration { get; } = new("echo", "Echoes", Options: [new OptionDeclaration("text", "Text", OptionType.String, Required: true, Autocomplete: true)]);

        public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(InteractionResponse.Message(new InteractionCallbackData { Content = context.GetString("text"), AllowedMentions = AllowedMentions.None }));

        public ValueTask<IReadOnlyList<CommandChoice>> AutocompleteAsync(InteractionContext context, InteractionOption focused, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<CommandChoice>>(Enumerable.Range(0, 40).Select(i => new CommandChoice { Name = $"{focused.Value}{i}", Value = $"{i}" }).ToList());
    }

    private sealed class FailingCommand : IInteractionCommand
    {
        public CommandDeclaration Declaration { get; } = new("fail", "Fails");

        public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken) => throw new InvalidOperationException("boom");
    }

    private sealed class PageHandler : IComponentHandler
    {
        public string Prefix => "page";

        public ValueTask<InteractionResponse> HandleAsync(InteractionContext context, string argument, CancellationToken cancellationToken) =>
            ValueTask.FromResult(InteractionResponse.Update(new InteractionCallbackData { Content = "page " + argument }));
    }

    private readonly InteractionDispatcher _dispatcher;

    public InteractionDispatcherTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IInteractionCommand, EchoCommand>();
        services.AddSingleton<IInteractionCommand, FailingCommand>();
        services.AddSingleton<IComponentHandler, PageHandler>();
        services.AddSingleton<CommandRegistry>();
        var provider = services.BuildServiceProvider();
        _dispatcher = new InteractionDispatcher(provider.GetRequiredService<CommandRegistry>(), provider.GetRequiredService<IServiceScopeFactory>(), NullLogger<InteractionDispatcher>.Instance);
    }

    private static Interaction Parse(string json) => JsonSerializer.Deserialize(json, DiscordJsonContext.Default.Interaction)!;

    private async Task<InteractionResponse> DispatchAsync(string json) => await _dispatcher.DispatchAsync(Parse(json), CancellationToken.None);

    [Fact]
    public async Task AnswersPingWithPong() => Assert.Equal(CallbackType.Pong, (await DispatchAsync("""{"id":"1","type":1}""")).Type);

    [Fact]
    public async Task RoutesACommandToItsHandlerWithItsOptions()
    {
        var response = await DispatchAsync("""{"id":"1","type":2,"token":"t","data":{"name":"echo","type":1,"options":[{"name":"text","type":3,"value":"hello"}]}}""");

        Assert.Equal(CallbackType.ChannelMessageWithSource, response.Type);
        Assert.Equal("hello", response.Data!.Content);
    }

    [Fact]
    public async Task EnforcesDiscordsLimitsOnWhatAHandlerReturns()
    {
        var text = new string('x', 3000);
        var response = await DispatchAsync($$$"""{"id":"1","type":2,"data":{"name":"echo","options":[{"name":"text","type":3,"value":"{{{text}}}"}]}}""");

        Assert.Equal(2000, response.Data!.Content!.Length);
    }

    [Fact]
    public async Task ApologisesPrivatelyForAnUnknownCommand()
    {
        var response = await DispatchAsync("""{"id":"1","type":2,"data":{"name":"nope"}}""");

        Assert.Equal(MessageFlags.Ephemeral, response.Data!.Flags);
        Assert.Equal(InteractionDispatcher.UnknownCommand, response.Data.Content);
    }

    [Fact]
    public async Task ApologisesPrivatelyWhenAHandlerFails()
    {
        var response = await DispatchAsync("""{"id":"1","type":2,"data":{"name":"fail"}}""");

        Assert.Equal(MessageFlags.Ephemeral, response.Data!.Flags);
        Assert.Equal(InteractionDispatcher.Apology, response.Data.Content);
        Assert.Equal([], response.Data.AllowedMentions!.Parse);
    }

    [Fact]
    public async Task AnswersAutocompleteWithAtMostTwentyFiveChoices()
    {
        var response = await DispatchAsync("""{"id":"1","type":4,"data":{"name":"echo","options":[{"name":"text","type":3,"value":"he","focused":true}]}}""");

        Assert.Equal(CallbackType.ApplicationCommandAutocompleteResult, response.Type);
        Assert.Equal(25, response.Data!.Choices!.Count);
        Assert.Equal("he0", response.Data.Choices[0].Name);
    }

    [Fact]
    public async Task RoutesAButtonClickByItsCustomIdPrefix()
    {
        var response = await DispatchAsync("""{"id":"1","type":3,"data":{"custom_id":"page:3:query","component_type":2}}""");

        Assert.Equal(CallbackType.UpdateMessage, response.Type);
        Assert.Equal("page 3:query", response.Data!.Content);
    }

    [Fact]
    public async Task RefusesAnUnknownInteractionType() =>
        await Assert.ThrowsAsync<UnsupportedInteractionException>(() => DispatchAsync("""{"id":"1","type":42}"""));

    [SkippableFact]
    public async Task ProducesBodiesThatValidateAgainstDiscordsOpenApiDescription()
    {
        Skip.IfNot(OpenApiSchemas.Available, OpenApiSchemas.SkipReason);
        foreach (var json in new[]
        {
            """{"id":"1","type":1}""",
            """{"id":"1","type":2,"data":{"name":"echo","options":[{"name":"text","type":3,"value":"hello"}]}}""",
            """{"id":"1","type":2,"data":{"name":"fail"}}""",
            """{"id":"1","type":4,"data":{"name":"echo","options":[{"name":"text","type":3,"value":"he","focused":true}]}}""",
            """{"id":"1","type":3,"data":{"custom_id":"page:1","component_type":2}}""",
        })
        {
            OpenApiSchemas.AssertValidResponse(JsonSerializer.Serialize(await DispatchAsync(json), DiscordJsonContext.Default.InteractionResponse));
        }
    }

    private sealed class GateCommand(TaskCompletionSource gate) : IInteractionCommand
    {
        public CommandDeclaration Declaration { get; } = new("gate", "Waits at the gate");

        public async ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
        {
            await gate.Task;
            return InteractionResponse.Ephemeral("through");
        }
    }

    [Fact]
    public async Task AnswersBusyAtOnceBeyondTheBoundOfAnswersInProgressAndCountsIt()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var services = new ServiceCollection();
        services.AddSingleton<IInteractionCommand>(new GateCommand(gate));
        services.AddSingleton<CommandRegistry>();
        var provider = services.BuildServiceProvider();
        var dispatcher = new InteractionDispatcher(
            provider.GetRequiredService<CommandRegistry>(), provider.GetRequiredService<IServiceScopeFactory>(), NullLogger<InteractionDispatcher>.Instance,
            options: Microsoft.Extensions.Options.Options.Create(new DiscordOptions { MaxInFlight = 2 }));
        var shed = new List<string?>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DiscordMetrics.MeterName && instrument.Name == "aifactories.interactions")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome")
                {
                    lock (shed)
                    {
                        shed.Add(tag.Value as string);
                    }
                }
            }
        });
        listener.Start();
        var command = Parse("""{"id":"1","type":2,"token":"t","locale":"en-US","data":{"name":"gate","type":1}}""");

        var first = dispatcher.DispatchAsync(command, CancellationToken.None).AsTask();
        var second = dispatcher.DispatchAsync(command, CancellationToken.None).AsTask();
        var third = await dispatcher.DispatchAsync(command, CancellationToken.None);
        gate.SetResult();
        var answered = await Task.WhenAll(first, second);

        Assert.Equal(MessageFlags.Ephemeral, third.Data!.Flags);
        Assert.Contains("busy", third.Data.Content);
        Assert.All(answered, r => Assert.Equal("through", r.Data!.Content));
        Assert.Equal(0, dispatcher.InFlight);
        lock (shed)
        {
            Assert.Contains("shed", shed);
        }
    }
}
