using System.Collections.Concurrent;
using System.Text.Json;
using AiFactories.Bot.Answering;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Discord.Rest;
using AiFactories.Bot.Tests.Discord;
using AiFactories.Bot.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace AiFactories.Bot.Tests.Reliability;

/// <summary>Records what the bot would send to Discord's REST API.</summary>
public sealed class RecordingRest : IDiscordRest
{
    public ConcurrentQueue<(string ApplicationId, string Token, EditMessage Message)> Edits { get; } = new();

    public Task<int> BulkOverwriteCommandsAsync(string applicationId, string? guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken) => Task.FromResult(commands.Count);

    public Task<GatewayBot> GetGatewayBotAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task CreateMessageAsync(string channelId, CreateMessage message, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CreateInteractionResponseAsync(string interactionId, string token, InteractionResponse response, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task EditOriginalResponseAsync(string applicationId, string token, EditMessage message, CancellationToken cancellationToken)
    {
        Edits.Enqueue((applicationId, token, message));
        return Task.CompletedTask;
    }

    /// <summary>The next edit, waited for up to ten seconds.</summary>
    public async Task<EditMessage> NextEditAsync()
    {
        for (var i = 0; i < 500; i++)
        {
            if (Edits.TryDequeue(out var edit))
            {
                return edit.Message;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("no edit of the original response");
    }
}

/// <summary>A server with a corpus of its own, replay refusal on, and REST calls recorded.</summary>
public sealed class OperatorServerFixture : BotServerFixture
{
    private readonly CorpusCopy _corpus = new();

    public RecordingRest Rest { get; } = new();

    public string CorpusCopy => _corpus.Root;

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Knowledge:CorpusPath"] = CorpusCopy;
        settings["Discord:RejectReplays"] = "true";
        return settings;
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IDiscordRest>(Rest);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _corpus.Dispose();
    }
}

public sealed class OperatorSafetyTests(OperatorServerFixture server) : IClassFixture<OperatorServerFixture>
{
    private const int Ephemeral = 64;
    private static int _ids;

    /// <summary>A /reload from a user with these permissions, in a server unless <paramref name="guild"/> is false.</summary>
    private static string Reload(string? permissions, bool guild = true)
    {
        var id = Interlocked.Increment(ref _ids);
        var who = guild
            ? $$"""
              "guild_id":"1300000000000000000","member":{"user":{"id":"1500000000000000000","username":"a"},"permissions":{{JsonSerializer.Serialize(permissions)}}}
              """
            : """
              "user":{"id":"1500000000000000000","username":"a"}
              """;
        return $$$"""{"id":"99{{{id}}}","application_id":"1100000000000000000","type":2,"token":"tok-{{{id}}}","locale":"en-US",{{{who}}},"data":{"id":"7","name":"reload","type":1}}""";
    }

    [Fact]
    public async Task RefusesReloadInADirectMessageWithoutReloading()
    {
        var before = server.App.Services.GetRequiredService<KnowledgeProvider>().LastReload;

        var response = await server.InteractAsync(Reload(null, guild: false));

        Assert.Equal(4, response.GetProperty("type").GetInt32());
        Assert.Equal(Ephemeral, response.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Contains("servers only", response.GetProperty("data").GetProperty("content").GetString());
        Assert.Equal(before, server.App.Services.GetRequiredService<KnowledgeProvider>().LastReload);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("2048")]
    [InlineData("not a number")]
    [InlineData(null)]
    public async Task RefusesReloadToAMemberWithoutAdministratorOrManageServer(string? permissions)
    {
        var before = server.App.Services.GetRequiredService<KnowledgeProvider>().LastReload;

        var response = await server.InteractAsync(Reload(permissions));

        Assert.Equal(Ephemeral, response.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Contains("Only server administrators", response.GetProperty("data").GetProperty("content").GetString());
        Assert.Equal(before, server.App.Services.GetRequiredService<KnowledgeProvider>().LastReload);
    }

    [Fact]
    public async Task ReloadAnswersAtOnceAndEditsItsPrivateReplyWithTheOutcome()
    {
        var athens = Path.Combine(server.CorpusCopy, "sites", "athens.json");
        var original = await File.ReadAllTextAsync(athens);
        try
        {
            await File.WriteAllTextAsync(athens, "{ broken");
            var deferred = await server.InteractAsync(Reload("8"));
            var refused = await server.Rest.NextEditAsync();
            using var health = JsonDocument.Parse(await server.Http.GetStringAsync(server.BaseUrl + "/healthz"));

            await File.WriteAllTextAsync(athens, original);
            await server.InteractAsync(Reload("32"));
            var reloaded = await server.Rest.NextEditAsync();

            Assert.Equal(5, deferred.GetProperty("type").GetInt32());
            Assert.Equal(Ephemeral, deferred.GetProperty("data").GetProperty("flags").GetInt32());
            Assert.Contains("not reloaded", refused.Content);
            Assert.Contains("malformed JSON", refused.Content);
            Assert.Equal("degraded", health.RootElement.GetProperty("status").GetString());
            Assert.StartsWith("Reloaded in", reloaded.Content);
            Assert.Empty(reloaded.AllowedMentions!.Parse!);
            if (OpenApiSchemas.Available)
            {
                OpenApiSchemas.AssertValid("IncomingWebhookUpdateRequestPartial", JsonSerializer.Serialize(reloaded, DiscordJsonContext.Default.EditMessage));
            }
        }
        finally
        {
            await File.WriteAllTextAsync(athens, original);
        }
    }

    [Fact]
    public void DeclaresAdminCommandsForServersAndEveryOtherCommandForAnyInstallAndPlace()
    {
        var commands = server.App.Services.GetRequiredService<CommandRegistry>().Declarations.Select(d => d.ToApplicationCommand()).ToList();

        string[] admin = ["reload", "gaps", "stats"];
        Assert.All(admin, name =>
        {
            var command = commands.Single(c => c.Name == name);
            Assert.Equal([0], command.Contexts!);
            Assert.Equal([0], command.IntegrationTypes!);
            Assert.Equal("32", command.DefaultMemberPermissions);
        });
        Assert.All(commands.Where(c => !admin.Contains(c.Name)), c =>
        {
            Assert.Equal([0, 1, 2], c.Contexts!);
            Assert.Equal([0, 1], c.IntegrationTypes!);
        });
    }

    [Fact]
    public async Task RefusesAReplayedInteractionButAnswersANewOne()
    {
        var id = Interlocked.Increment(ref _ids);
        var body = $$$"""{"id":"88{{{id}}}","type":2,"token":"t","locale":"en-US","data":{"id":"7","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"Who hosts the AI Factory in Athens?"}]}}""";

        var first = await server.PostAsync(body);
        var replay = await server.PostAsync(body);
        var fresh = await server.PostAsync(body.Replace($"\"88{id}\"", $"\"87{id}\"", StringComparison.Ordinal));

        Assert.Equal(200, first.Status);
        Assert.Equal(401, replay.Status);
        Assert.Contains("replayed", replay.Body);
        Assert.Equal(200, fresh.Status);
    }

    [Fact]
    public async Task ShowsAQuestionsMarkdownMentionsAndDirectionControlsAsPlainTextInThePublicTitle()
    {
        var id = Interlocked.Increment(ref _ids);
        var question = "||spoiler|| **Pharos** @everyone <@123> \u202Eevil # [link](http://x)";
        var body = $$$"""{"id":"86{{{id}}}","type":2,"token":"t","locale":"en-US","data":{"id":"7","name":"ask","type":1,"options":[{"name":"question","type":3,"value":{{{JsonSerializer.Serialize(question)}}}}]}}""";

        var response = await server.InteractAsync(body);

        var title = response.GetProperty("data").GetProperty("embeds")[0].GetProperty("title").GetString()!;
        Assert.Contains("\\|\\|spoiler\\|\\|", title);
        Assert.Contains("\\*\\*Pharos\\*\\*", title);
        Assert.DoesNotContain("@everyone", title);
        Assert.DoesNotContain("<@123>", title);
        Assert.DoesNotContain("\u202E", title);
        Assert.Contains("\\[link\\]\\(http", title);
        Assert.Empty(response.GetProperty("data").GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
    }

    [Fact]
    public async Task IgnoresAMentionOptionThatIsNotAUserId()
    {
        var id = Interlocked.Increment(ref _ids);
        var body = $$$"""{"id":"85{{{id}}}","type":2,"token":"t","locale":"en-US","data":{"id":"7","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"What is Pharos?"},{"name":"mention","type":6,"value":"@everyone"}]}}""";

        var response = await server.InteractAsync(body);

        var data = response.GetProperty("data");
        Assert.False(data.TryGetProperty("content", out var content) && content.GetString() is { Length: > 0 });
        Assert.Empty(data.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
    }

    [Fact]
    public async Task TheHealthProbeCommandPassesOnAReadyServer()
    {
        var (exit, output, _) = await Cli.CliRunner.RunAsync(["health", server.BaseUrl + "/healthz/ready"]);

        Assert.Equal(0, exit);
        Assert.StartsWith("200", output);
    }

    [Fact]
    public async Task ServesLivenessReadinessAndPrometheusMetricsWithTheInteractionsCounted()
    {
        var id = Interlocked.Increment(ref _ids);
        await server.InteractAsync($$$"""{"id":"84{{{id}}}","type":2,"token":"t","locale":"en-US","data":{"id":"7","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"Who hosts the AI Factory in Athens?"}]}}""");

        using var live = await server.Http.GetAsync(server.BaseUrl + "/healthz/live");
        using var ready = await server.Http.GetAsync(server.BaseUrl + "/healthz/ready");
        var metrics = await server.Http.GetStringAsync(server.BaseUrl + "/metrics");

        Assert.Equal(200, (int)live.StatusCode);
        Assert.Equal(200, (int)ready.StatusCode);
        Assert.Matches(@"(?m)^aifactories_interactions_total\{[^}]*command=""ask""[^}]*outcome=""answered""[^}]*\} [1-9]", metrics);
        Assert.Matches(@"(?m)^aifactories_answers_total\{[^}]*language=""en""[^}]*\} [1-9]", metrics);
        Assert.Contains("# TYPE aifactories_corpus_sites gauge", metrics);
        Assert.Contains("# TYPE aifactories_interaction_duration_seconds histogram", metrics);

        // One view renames three runtime gauges and bounds every metric's series: the names are the
        // renamed ones, and ASP.NET Core's request histogram keeps its own bucket boundaries.
        Assert.Matches(@"(?m)^dotnet_assemblies_loaded\{[^}]*\} [1-9]", metrics);
        Assert.DoesNotContain("dotnet_assembly_count", metrics);
        Assert.Matches(@"(?m)^http_server_request_duration_seconds_bucket\{[^}]*le=""0.005""\} [0-9]", metrics);

        // The bot's own durations are in seconds and have boundaries for that (neither 0.25 nor 3 is one of
        // the default boundaries, which are made for milliseconds); Discord's 3 s deadline is one of them.
        Assert.Matches(@"(?m)^aifactories_answer_duration_seconds_bucket\{[^}]*le=""0.25""\} [1-9]", metrics);
        Assert.Matches(@"(?m)^aifactories_interaction_duration_seconds_bucket\{[^}]*le=""3""\} [1-9]", metrics);
    }

    [SkippableFact]
    public async Task PromtoolAcceptsTheMetricsPage()
    {
        var promtool = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "promtool")).FirstOrDefault(File.Exists);
        Skip.If(promtool is null, "promtool is not installed (the 'prometheus' package of the distribution has it; .ci/run installs it)");
        var id = Interlocked.Increment(ref _ids);
        await server.InteractAsync($$$"""{"id":"83{{{id}}}","type":2,"token":"t","locale":"de","data":{"id":"7","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"Wo steht die KI-Fabrik in Finnland?"}]}}""");
        var metrics = await server.Http.GetStringAsync(server.BaseUrl + "/metrics");

        var start = new System.Diagnostics.ProcessStartInfo(promtool!, "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        await process.StandardInput.WriteAsync(metrics);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        // promtool exits 0 when the page parses; lint remarks (names, help texts) are printed too and
        // also fail it, so none are allowed.
        Assert.True(process.ExitCode == 0, output + error);
    }
}
