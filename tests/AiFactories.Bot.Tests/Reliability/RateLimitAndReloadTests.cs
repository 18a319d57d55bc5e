using System.Text.Json;
using AiFactories.Bot.Discord;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Answering;
using AiFactories.Bot.Tests.Discord;
using AiFactories.Bot.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace AiFactories.Bot.Tests.Reliability;

/// <summary>A server with per-user limits on and a corpus of its own that the tests rewrite.</summary>
public sealed class LimitedServerFixture : BotServerFixture
{
    private readonly CorpusCopy _corpus = new();

    public string CorpusCopy => _corpus.Root;

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["RateLimit:Enabled"] = "true";
        settings["RateLimit:Burst"] = "3";
        settings["RateLimit:PerPeriod"] = "1";
        settings["RateLimit:PeriodSeconds"] = "60";
        settings["Knowledge:CorpusPath"] = CorpusCopy;
        return settings;
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddInteractionCommand<SlowCommand>();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _corpus.Dispose();
    }
}

/// <summary>A command that takes its time, to have requests in flight when the host stops.</summary>
public sealed class SlowCommand : IInteractionCommand
{
    private static int _started;

    public static int Started => Volatile.Read(ref _started);

    public CommandDeclaration Declaration { get; } = new("slow", "Answers after a while");

    public async ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _started);
        await Task.Delay(TimeSpan.FromMilliseconds(700), CancellationToken.None);
        return InteractionResponse.Message(new InteractionCallbackData { Content = "done", AllowedMentions = AllowedMentions.None });
    }
}

public sealed class RateLimitAndReloadTests(LimitedServerFixture server) : IClassFixture<LimitedServerFixture>
{
    private static string AskAs(string user, string question) =>
        $$$"""{"id":"1","type":2,"token":"t","member":{"user":{"id":"{{{user}}}","username":"u"}},"data":{"name":"ask","type":1,"options":[{"name":"question","type":3,"value":{{{JsonSerializer.Serialize(question)}}}}]}}""";

    [Fact]
    public async Task SlowsDownAUserWhoSendsABurstAndServesOthers()
    {
        var burst = new List<JsonElement>();
        for (var i = 0; i < 6; i++)
        {
            burst.Add(await server.InteractAsync(AskAs("2000000000000000001", "What is Pharos?")));
        }

        var other = await server.InteractAsync(AskAs("2000000000000000002", "What is Pharos?"));

        Assert.All(burst.Take(3), r => Assert.True(r.GetProperty("data").TryGetProperty("embeds", out _)));
        Assert.All(burst.Skip(3), r =>
        {
            Assert.Equal(64, r.GetProperty("data").GetProperty("flags").GetInt32());
            Assert.Contains("Please wait", r.GetProperty("data").GetProperty("content").GetString());
        });
        Assert.True(other.GetProperty("data").TryGetProperty("embeds", out _));
    }

    [Fact]
    public async Task NeverLimitsAutocomplete()
    {
        for (var i = 0; i < 10; i++)
        {
            var response = await server.InteractAsync("""{"id":"1","type":4,"member":{"user":{"id":"2000000000000000003"}},"data":{"name":"site","options":[{"name":"name","type":3,"value":"ba","focused":true}]}}""");
            Assert.Equal(8, response.GetProperty("type").GetInt32());
        }
    }

    [Fact]
    public async Task KeepsServingTheOldIndexWhenAReloadFindsABrokenCorpusAndSwapsInAGoodOne()
    {
        var knowledge = server.App.Services.GetRequiredService<KnowledgeProvider>();
        var athens = Path.Combine(server.CorpusCopy, "sites", "athens.json");
        var original = await File.ReadAllTextAsync(athens);
        using var asking = new CancellationTokenSource();
        var failures = 0;
        var asked = 0;
        var askers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            while (!asking.IsCancellationRequested)
            {
                var (status, body, _) = await server.PostAsync(AskAs($"30000000000000000{worker:00}", "What is Pharos?"));
                Interlocked.Increment(ref asked);
                if (status != 200 || !body.Contains("\"type\":4", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToList();

        try
        {
            await File.WriteAllTextAsync(athens, original.Replace("\"host\":", "\"hots\":", StringComparison.Ordinal));
            var broken = knowledge.Reload();
            var stillServing = knowledge.Current.Ask("Who hosts the AI Factory in Athens?");

            await File.WriteAllTextAsync(athens, original.Replace("GRNET (National Infrastructures for Research and Technology)", "GRNET, renamed for this test", StringComparison.Ordinal));
            var good = knowledge.Reload();
            var renamed = knowledge.Current.Ask("Who hosts the AI Factory in Athens?");

            Assert.False(broken.Reloaded);
            Assert.Contains("athens.json", broken.Message);
            Assert.Contains("field 'hots'", broken.Message);
            Assert.Contains("GRNET (National Infrastructures", stillServing.Text);
            Assert.True(good.Reloaded, good.Message);
            Assert.Contains("GRNET, renamed for this test", renamed.Text);
        }
        finally
        {
            await File.WriteAllTextAsync(athens, original);
            await Task.Delay(300);
            await asking.CancelAsync();
            await Task.WhenAll(askers);
        }

        Assert.True(asked > 0);
        Assert.Equal(0, failures);
    }
}

public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task AnswersRequestsInFlightWhenTheHostStops()
    {
        var server = new LimitedServerFixture();
        await server.InitializeAsync();
        try
        {
            var before = SlowCommand.Started;
            var inFlight = Enumerable.Range(0, 5)
                .Select(i => server.PostAsync($$$"""{"id":"{{{i}}}","type":2,"token":"t","member":{"user":{"id":"40000000000000000{{{i}}}"}},"data":{"name":"slow","type":1}}"""))
                .ToList();
            for (var wait = 0; wait < 500 && SlowCommand.Started < before + 5; wait++)
            {
                await Task.Delay(20);
            }

            Assert.Equal(before + 5, SlowCommand.Started);

            var stopping = server.App.StopAsync();
            var responses = await Task.WhenAll(inFlight);
            await stopping;

            Assert.All(responses, r =>
            {
                Assert.Equal(200, r.Status);
                Assert.Contains("done", r.Body);
            });
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
