using System.Text.Json;
using AiFactories.Bot.Feedback;
using AiFactories.Bot.Tests.Cli;

namespace AiFactories.Bot.Tests.Feedback;

/// <summary>`gaps`, `stats` and `feedback export` read the store the settings name.</summary>
public sealed class FeedbackCommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aif-feedback-cli-").FullName;

    private string StorePath => Path.Combine(_folder, "feedback.db");

    private Dictionary<string, string?> Settings => new() { ["Store:Path"] = StorePath };

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task SeedAsync()
    {
        var now = DateTimeOffset.UtcNow;
        await using var store = await FeedbackStores.OpenAsync(new StoreOptions { Path = StorePath }, CancellationToken.None);
        await store.WriteAsync(
            [
                new AnswerEvent("AAAAAAAAAA1", now.AddHours(-3), "How many employees does LUMI have?", string.Empty, "en", "not_answered", false, [], "1"),
                new AnswerEvent("AAAAAAAAAA2", now.AddHours(-2), "how many employees does LUMI have", string.Empty, "en", "not_answered", false, [], "1"),
                new AnswerEvent("AAAAAAAAAA3", now.AddHours(-1), "Who hosts the AI Factory in Kajaani?", string.Empty, "en", "sites", true, ["lumi-ai-factory"], "1"),
            ],
            [new VoteEvent("AAAAAAAAAA3", "0123456789abcdef0123456789abcdef", now, false, "sites", "en", "the budget", "1")],
            CancellationToken.None);
    }

    [Fact]
    public async Task GapsGroupsTheRewordedQuestionAndListsTheDislikedAnswerWithItsNote()
    {
        await SeedAsync();

        var (exit, output, error) = await CliRunner.RunAsync(["gaps", "--json", "--days", "3"], extra: Settings);

        Assert.True(exit == 0, error);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal(2, report.GetProperty("unanswered").GetInt32());
        var group = Assert.Single(report.GetProperty("groups").EnumerateArray());
        Assert.Equal(2, group.GetProperty("count").GetInt32());
        var disliked = Assert.Single(report.GetProperty("disliked").EnumerateArray());
        Assert.Equal("Who hosts the AI Factory in Kajaani?", disliked.GetProperty("question").GetString());
        Assert.Equal("the budget", Assert.Single(disliked.GetProperty("notes").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task StatsCountsTheDaysAndWritesTheChart()
    {
        await SeedAsync();
        var png = Path.Combine(_folder, "stats.png");

        var (exit, output, error) = await CliRunner.RunAsync(["stats", "--json", "--days", "2", "--png", png], extra: Settings);

        Assert.True(exit == 0, error);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal(3, report.GetProperty("questions").GetInt32());
        Assert.Equal(1, report.GetProperty("answered").GetInt32());
        Assert.Equal(1, report.GetProperty("down").GetInt32());
        var rows = report.GetProperty("rows");
        Assert.Equal(2, rows.GetProperty("days").GetArrayLength());
        var language = Assert.Single(rows.GetProperty("languages").EnumerateArray());
        Assert.Equal(("en", 3), (language.GetProperty("name").GetString(), language.GetProperty("count").GetInt32()));
        var site = Assert.Single(rows.GetProperty("sites").EnumerateArray());
        Assert.Equal(("lumi-ai-factory", 1), (site.GetProperty("name").GetString(), site.GetProperty("count").GetInt32()));
        Assert.Equal(1.0 / 3, report.GetProperty("answered_share").GetDouble(), 6);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await File.ReadAllBytesAsync(png))[..4]);
    }

    [Fact]
    public async Task ExportsEveryAnswerAndVoteWithoutUserIds()
    {
        await SeedAsync();

        var (exit, output, error) = await CliRunner.RunAsync(["feedback", "export", "--json"], extra: Settings);

        Assert.True(exit == 0, error);
        var export = JsonDocument.Parse(output).RootElement;
        Assert.Equal(3, export.GetProperty("answers").GetArrayLength());
        Assert.Equal("0123456789abcdef0123456789abcdef", Assert.Single(export.GetProperty("votes").EnumerateArray()).GetProperty("voter").GetString());
    }

    [Fact]
    public async Task SaysClearlyWhenTheStoreIsOffOrNotTheBots()
    {
        await File.WriteAllTextAsync(StorePath, "not a database");

        var off = await CliRunner.RunAsync(["gaps"], extra: new Dictionary<string, string?> { ["Store:Enabled"] = "false" });
        var foreign = await CliRunner.RunAsync(["stats"], extra: Settings);
        var days = await CliRunner.RunAsync(["gaps", "--days", "0"], extra: Settings);

        Assert.Equal(1, off.Exit);
        Assert.Contains("turned off", off.Error);
        Assert.Equal(1, foreign.Exit);
        Assert.StartsWith("error: ", foreign.Error);
        Assert.Contains(StorePath, foreign.Error);
        Assert.Single(foreign.Error.TrimEnd().Split('\n'));
        Assert.Equal(2, days.Exit);
    }
}
