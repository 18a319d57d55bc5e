using System.Text.Json;
using AiFactories.Bot.Feedback;
using AiFactories.Bot.Tests.Discord;
using AiFactories.Bot.Tests.Reliability;
using AiFactories.Bot.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace AiFactories.Bot.Tests.Feedback;

/// <summary>The real endpoint with a SQLite feedback store in a temporary folder and REST calls recorded.</summary>
public sealed class FeedbackServerFixture : BotServerFixture
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aif-feedback-").FullName;

    public RecordingRest Rest { get; } = new();

    public IFeedbackStore Store => App.Services.GetRequiredService<IFeedbackStore>();

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Store:Enabled"] = "true";
        settings["Store:Path"] = Path.Combine(_folder, "feedback.db");
        settings["Store:VoteKey"] = "feedback-test-key";
        return settings;
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<AiFactories.Bot.Discord.Rest.IDiscordRest>(Rest);

    /// <summary>Waits until the background writer has stored what <paramref name="ready"/> looks for.</summary>
    public async Task<T> EventuallyAsync<T>(Func<IFeedbackStore, Task<T>> read, Func<T, bool> ready)
    {
        for (var i = 0; ; i++)
        {
            var value = await read(Store);
            if (ready(value) || i == 200)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

// The feedback metrics are process-wide: the tests that count them and the ones that make a real
// writer write do not run at the same time.
[Collection(FeedbackMetricsCollection.Name)]
public sealed class FeedbackFlowTests(FeedbackServerFixture server) : IClassFixture<FeedbackServerFixture>
{
    private const int Ephemeral = 64;
    private static int _ids;

    private static string NextId() => $"19{Interlocked.Increment(ref _ids):D17}";

    private static string Ask(string question, string user = "1500000000000000000", string permissions = "0") =>
        $$$"""{"id":"{{{NextId()}}}","application_id":"1100000000000000000","type":2,"token":"tok","locale":"en-US","guild_id":"1300000000000000000","channel_id":"1400000000000000000","member":{"user":{"id":"{{{user}}}","username":"u"},"permissions":"{{{permissions}}}"},"data":{"id":"1600000000000000000","name":"ask","type":1,"options":[{"name":"question","type":3,"value":{{{JsonSerializer.Serialize(question)}}}}]}}""";

    private static string Click(string customId, string user = "1500000000000000000") =>
        $$$"""{"id":"{{{NextId()}}}","application_id":"1100000000000000000","type":3,"token":"tok","locale":"de","guild_id":"1300000000000000000","channel_id":"1400000000000000000","member":{"user":{"id":"{{{user}}}","username":"u"},"permissions":"0"},"message":{"id":"1700000000000000000","channel_id":"1400000000000000000","content":"","embeds":[]},"data":{"custom_id":{{{JsonSerializer.Serialize(customId)}}},"component_type":2}}""";

    private static string Submit(string customId, string note, string user = "1500000000000000000") =>
        $$$"""{"id":"{{{NextId()}}}","application_id":"1100000000000000000","type":5,"token":"tok","locale":"en-US","guild_id":"1300000000000000000","channel_id":"1400000000000000000","member":{"user":{"id":"{{{user}}}","username":"u"},"permissions":"0"},"data":{"custom_id":{{{JsonSerializer.Serialize(customId)}}},"components":[{"type":18,"id":1,"component":{"type":4,"id":2,"custom_id":"note","value":{{{JsonSerializer.Serialize(note)}}}}}]}}""";

    private static string Admin(string name, int? days = null, string permissions = "8")
    {
        var options = days is null ? string.Empty : "{\"name\":\"days\",\"type\":4,\"value\":" + days.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
        return $$$"""{"id":"{{{NextId()}}}","application_id":"1100000000000000000","type":2,"token":"tok-{{{name}}}","locale":"en-US","guild_id":"1300000000000000000","channel_id":"1400000000000000000","member":{"user":{"id":"1500000000000000009","username":"admin"},"permissions":"{{{permissions}}}"},"data":{"id":"1600000000000000000","name":"{{{name}}}","type":1,"options":[{{{options}}}]}}""";
    }

    private static List<string> CustomIds(JsonElement response) =>
        response.GetProperty("data").TryGetProperty("components", out var rows)
            ? rows.EnumerateArray().SelectMany(row => row.GetProperty("components").EnumerateArray()).Select(b => b.GetProperty("custom_id").GetString()!).ToList()
            : [];

    [Fact]
    public async Task AnAnswerCarriesVoteButtonsAndASecondVoteReplacesTheFirstWithItsNote()
    {
        var answer = await server.InteractAsync(Ask("Who hosts the AI Factory in Athens?"));
        var ids = CustomIds(answer);
        var up = Assert.Single(ids, id => id.StartsWith("vote:up:", StringComparison.Ordinal));
        var down = Assert.Single(ids, id => id.StartsWith("vote:down:", StringComparison.Ordinal));
        Assert.All(ids, id => Assert.True(id.Length <= 100, id));

        var thanks = await server.InteractAsync(Click(up));
        var form = await server.InteractAsync(Click(down));
        var modalId = form.GetProperty("data").GetProperty("custom_id").GetString()!;
        var noted = await server.InteractAsync(Submit(modalId, "  The <b>GPU</b> count\n\u202Eof Pharos  "));

        Assert.Equal(4, thanks.GetProperty("type").GetInt32());
        Assert.Equal(Ephemeral, thanks.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Equal(9, form.GetProperty("type").GetInt32());
        Assert.StartsWith("missing:", modalId, StringComparison.Ordinal);
        Assert.Equal(Ephemeral, noted.GetProperty("data").GetProperty("flags").GetInt32());
        var answerId = up.Split(':')[2].Split('.')[0];
        var (_, votes) = await server.EventuallyAsync(
            store => store.ExportAsync(DateTimeOffset.UtcNow.AddDays(-1), CancellationToken.None),
            export => export.Votes.Any(v => v.AnswerId == answerId && v.Missing is not null));
        var vote = Assert.Single(votes, v => v.AnswerId == answerId);
        Assert.False(vote.Helpful);
        Assert.Equal("The <b>GPU</b> count of Pharos", vote.Missing);
        Assert.DoesNotContain("1500000000000000000", vote.Voter);
        Assert.Equal("1300000000000000000", vote.GuildId);
    }

    [Fact]
    public async Task AForgedOrEditedVoteIsRefusedQuietlyAndNotRecorded()
    {
        var answer = await server.InteractAsync(Ask("Where is the AI Factory in Finland?"));
        var up = Assert.Single(CustomIds(answer), id => id.StartsWith("vote:up:", StringComparison.Ordinal));
        var answerId = up.Split(':')[2].Split('.')[0];
        var edited = up[..^1] + (up[^1] == 'A' ? 'B' : 'A');

        var refused = new[]
        {
            await server.InteractAsync(Click(edited)),
            await server.InteractAsync(Click("vote:sideways:" + up.Split(':', 3)[2])),
            await server.InteractAsync(Click("vote:up:")),
            await server.InteractAsync(Submit("missing:" + up.Split(':', 3)[2], new string('x', 301))),
        };

        // The clicks come from a German locale: the note is German; the modal came from an English one.
        var german = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Corpus, "languages", "de.json"))).RootElement.GetProperty("ui").GetProperty("vote_refused").GetString();
        Assert.All(refused, r => Assert.Equal(Ephemeral, r.GetProperty("data").GetProperty("flags").GetInt32()));
        Assert.All(refused[..3], r => Assert.Equal(german, r.GetProperty("data").GetProperty("content").GetString()));
        Assert.Equal("That vote could not be recorded.", refused[3].GetProperty("data").GetProperty("content").GetString());
        await Task.Delay(300);
        var (_, votes) = await server.Store.ExportAsync(DateTimeOffset.UtcNow.AddDays(-1), CancellationToken.None);
        Assert.DoesNotContain(votes, v => v.AnswerId == answerId);
    }

    [Fact]
    public async Task GapsGroupsRewordedUnansweredQuestionsForAdminsOnly()
    {
        await server.InteractAsync(Ask("How many employees does the Kajaani AI factory have?"));
        await server.InteractAsync(Ask("how many employees does the kajaani ai factory have??", user: "1500000000000000001"));
        await server.InteractAsync(Ask("Who hosts the AI Factory in Stuttgart?"));
        await server.EventuallyAsync(store => store.UnansweredAsync(DateTimeOffset.UtcNow.AddDays(-1), CancellationToken.None), rows => rows.Count(r => r.Question.Contains("employees", StringComparison.OrdinalIgnoreCase)) >= 2);

        var refused = await server.InteractAsync(Admin("gaps", permissions: "0"));
        var deferred = await server.InteractAsync(Admin("gaps", days: 7));
        var edit = await server.Rest.NextEditAsync();

        Assert.Contains("administrators", refused.GetProperty("data").GetProperty("content").GetString());
        Assert.Equal(5, deferred.GetProperty("type").GetInt32());
        Assert.Equal(Ephemeral, deferred.GetProperty("data").GetProperty("flags").GetInt32());
        var embed = Assert.Single(edit.Embeds!);
        var line = Assert.Single(embed.Description!.Split('\n'), l => l.Contains("employees", StringComparison.OrdinalIgnoreCase) && !l.TrimStart().StartsWith('↳'));
        Assert.Contains("2×", line);
        Assert.DoesNotContain("Stuttgart", embed.Description);
        if (OpenApiSchemas.Available)
        {
            OpenApiSchemas.AssertValid("IncomingWebhookUpdateRequestPartial", JsonSerializer.Serialize(edit, AiFactories.Bot.Discord.Models.DiscordJsonContext.Default.EditMessage));
        }
    }

    [Fact]
    public async Task StatsAttachesAChartToItsPrivateReply()
    {
        await server.InteractAsync(Ask("Who hosts the AI Factory in Barcelona?"));
        await server.EventuallyAsync(store => store.StatsAsync(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow, CancellationToken.None), rows => rows.Days.Sum(d => d.Questions) > 0);

        var deferred = await server.InteractAsync(Admin("stats", days: 3));
        var edit = await server.Rest.NextEditAsync();

        Assert.Equal(5, deferred.GetProperty("type").GetInt32());
        var file = Assert.Single(edit.Attachments!);
        Assert.Equal("stats.png", file.FileName);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, file.Content.Span[..4].ToArray());
        var embed = Assert.Single(edit.Embeds!);
        Assert.Equal("attachment://stats.png", embed.Image?.Url);
        Assert.Contains(embed.Fields!, f => f.Name == "Answered" && f.Value.EndsWith('%'));
    }
}

[CollectionDefinition(Name)]
public sealed class FeedbackMetricsCollection
{
    public const string Name = "feedback metrics";
}
