using System.Text.Json;
using AiFactories.Bot.Knowledge;
using AiFactories.Bot.Knowledge.Evaluation;
using AiFactories.Bot.Tests.Cli;
using AiFactories.Bot.Tests.Shared;
using static AiFactories.Bot.Tests.Discord.BotServerFixture;

namespace AiFactories.Bot.Tests.Discord;

public sealed class InteractionsEndpointTests(BotServerFixture server) : IClassFixture<BotServerFixture>
{
    private const int Ephemeral = 64;

    [Fact]
    public async Task AnswersASignedPingWithPong()
    {
        var (status, body, contentType) = await server.PostAsync("""{"id":"1","application_id":"2","type":1,"token":"t","version":1}""");

        Assert.Equal(200, status);
        Assert.Equal("application/json", contentType);
        Assert.Equal("""{"type":1}""", body);
    }

    [Fact]
    public async Task AnswersAskWithAnEmbedOfAnswerEvidenceAndSiteCards()
    {
        var response = await server.InteractAsync(Command("ask", $"[{Option("question", "Who hosts the AI Factory in Stuttgart?")}]"));

        Assert.Equal(4, response.GetProperty("type").GetInt32());
        var data = response.GetProperty("data");
        Assert.Equal(0, data.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.False(data.TryGetProperty("flags", out _));
        var embed = data.GetProperty("embeds")[0];
        Assert.Equal("Who hosts the AI Factory in Stuttgart?", embed.GetProperty("title").GetString());
        var description = embed.GetProperty("description").GetString()!;
        Assert.StartsWith("HammerHAI (Stuttgart, Germany) is hosted by HLRS", description);
        Assert.Contains("**Evidence**", description);
        Assert.Contains("**Stuttgart**", description);
        Assert.Equal("HammerHAI (Stuttgart, Germany)", embed.GetProperty("fields")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task HidesTheAnswerWhenAskedAndOffersToPostIt()
    {
        var response = await server.InteractAsync(Command("ask", $$"""[{{Option("question", "What is Pharos?")}},{"name":"hide","type":5,"value":true}]"""));

        var data = response.GetProperty("data");
        Assert.Equal(Ephemeral, data.GetProperty("flags").GetInt32());
        var button = data.GetProperty("components")[0].GetProperty("components")[0];
        Assert.Equal("post", button.GetProperty("custom_id").GetString());
        Assert.Equal("Post to channel", button.GetProperty("label").GetString());
    }

    [Fact]
    public async Task PingsOnlyTheMentionedUser()
    {
        var response = await server.InteractAsync(Command("ask", $$"""[{{Option("question", "Where is the Finnish AI Factory?")}},{"name":"mention","type":6,"value":"1700000000000000000"}]"""));

        var data = response.GetProperty("data");
        Assert.Equal("<@1700000000000000000>", data.GetProperty("content").GetString());
        var allowed = data.GetProperty("allowed_mentions");
        Assert.Equal(0, allowed.GetProperty("parse").GetArrayLength());
        Assert.Equal("1700000000000000000", Assert.Single(allowed.GetProperty("users").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task QuotesTextWithMentionsWithoutPingingAnyone()
    {
        var response = await server.InteractAsync(Command("ask", $"[{Option("question", "@everyone <@123> what is Pharos?")}]"));

        Assert.Equal(0, response.GetProperty("data").GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.False(response.GetProperty("data").GetProperty("allowed_mentions").TryGetProperty("users", out _));
    }

    [Fact]
    public async Task RefusesAnEmptyQuestionPrivately()
    {
        var response = await server.InteractAsync(Command("ask", $"[{Option("question", "   ")}]"));

        Assert.Equal(Ephemeral, response.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Contains("the question is empty", response.GetProperty("data").GetProperty("content").GetString());
    }

    [Fact]
    public async Task SuggestsGoodQuestionsAndKeepsWhatWasTyped()
    {
        var empty = await server.InteractAsync(Command("ask", $"[{Option("question", string.Empty, focused: true)}]", type: 4));
        var typed = await server.InteractAsync(Command("ask", $"[{Option("question", "who hosts", focused: true)}]", type: 4));

        Assert.Equal(8, empty.GetProperty("type").GetInt32());
        var emptyChoices = empty.GetProperty("data").GetProperty("choices").EnumerateArray().ToList();
        Assert.InRange(emptyChoices.Count, 5, 25);
        var typedChoices = typed.GetProperty("data").GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
        Assert.Equal("who hosts", typedChoices[0]);
        Assert.Contains("Who hosts the AI Factory in Kajaani?", typedChoices);
    }

    [Fact]
    public async Task AutocompletesSitesExactThenPrefixThenFuzzy()
    {
        var empty = await server.InteractAsync(Command("site", $"[{Option("name", string.Empty, focused: true)}]", type: 4));
        var prefix = await server.InteractAsync(Command("site", $"[{Option("name", "ba", focused: true)}]", type: 4));
        var typo = await server.InteractAsync(Command("site", $"[{Option("name", "stutgart", focused: true)}]", type: 4));

        // Discord shows at most 25 choices; the network has more sites than that.
        Assert.Equal(25, empty.GetProperty("data").GetProperty("choices").GetArrayLength());
        Assert.Equal("barcelona", prefix.GetProperty("data").GetProperty("choices")[0].GetProperty("value").GetString());
        Assert.Equal("stuttgart", typo.GetProperty("data").GetProperty("choices")[0].GetProperty("value").GetString());
    }

    [Theory]
    [InlineData("kajaani", "LUMI AI Factory (LUMI AIF) (Kajaani, Finland)")]
    [InlineData("Kajani", "LUMI AI Factory (LUMI AIF) (Kajaani, Finland)")]
    [InlineData("Stoccarda", "HammerHAI (Stuttgart, Germany)")]
    public async Task ShowsASiteCardForAnyName(string name, string title)
    {
        var response = await server.InteractAsync(Command("site", $"[{Option("name", name)}]"));

        var embed = response.GetProperty("data").GetProperty("embeds")[0];
        Assert.Equal(title, embed.GetProperty("title").GetString());
        Assert.Contains(embed.GetProperty("fields").EnumerateArray(), f => f.GetProperty("name").GetString() == "Host");
    }

    [Fact]
    public async Task RechecksASiteNameOnTheServer()
    {
        var response = await server.InteractAsync(Command("site", $"[{Option("name", "Atlantis")}]"));

        Assert.Equal(Ephemeral, response.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Contains("No site matches \"Atlantis\"", response.GetProperty("data").GetProperty("content").GetString());
    }

    [Fact]
    public async Task ListsSitesForACountryInAnyLanguageAndByKindAndWave()
    {
        static string[] Lines(JsonElement response) =>
            response.GetProperty("data").GetProperty("embeds")[0].GetProperty("description").GetString()!.Split('\n');
        var all = await server.InteractAsync(Command("sites"));
        var finland = await server.InteractAsync(Command("sites", $"[{Option("country", "Finlande")}]"));
        var antennas = await server.InteractAsync(Command("sites", """[{"name":"kind","type":3,"value":"antenna"}]"""));
        var secondWave = await server.InteractAsync(Command("sites", """[{"name":"wave","type":4,"value":2}]"""));

        Assert.Equal(32, Lines(all).Length);
        Assert.Equal("Sites in Finland", finland.GetProperty("data").GetProperty("embeds")[0].GetProperty("title").GetString());
        Assert.Equal(13, Lines(antennas).Length);
        Assert.Equal(6, Lines(secondWave).Length);
        Assert.Contains(Lines(secondWave), line => line.Contains("AI Factory France", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnswersInTheQuestionsLanguageWithCardsButtonsAndFooterInIt()
    {
        var german = Command("ask", $"[{Option("question", "Wer betreibt die KI-Fabrik in Stuttgart?")},{{\"name\":\"hide\",\"type\":5,\"value\":true}}]")
            .Replace("\"locale\":\"en-US\"", "\"locale\":\"de\"", StringComparison.Ordinal);
        var englishFromGermanUser = Command("ask", $"[{Option("question", "Who runs the AI Factory in Stuttgart?")}]")
            .Replace("\"locale\":\"en-US\"", "\"locale\":\"de\"", StringComparison.Ordinal);

        var response = await server.InteractAsync(german);
        var english = await server.InteractAsync(englishFromGermanUser);

        var data = response.GetProperty("data");
        var embed = data.GetProperty("embeds")[0];
        Assert.Contains("HLRS", embed.GetProperty("description").GetString());
        Assert.Contains("Deutschland", embed.GetProperty("description").GetString());
        Assert.Contains(embed.GetProperty("fields").EnumerateArray(), f => f.GetProperty("name").GetString() == "Quellen");
        Assert.Equal("Im Kanal posten", data.GetProperty("components")[0].GetProperty("components")[0].GetProperty("label").GetString());
        Assert.Contains("Germany", english.GetProperty("data").GetProperty("embeds")[0].GetProperty("description").GetString());
    }

    [Theory]
    [InlineData("fr", "Sources")]
    [InlineData("pl", "Źródła")]
    [InlineData("el", "Πηγές")]
    public async Task AnswersSourcesInTheAskersLocale(string locale, string title)
    {
        var response = await server.InteractAsync(Command("sources").Replace("\"locale\":\"en-US\"", $"\"locale\":\"{locale}\"", StringComparison.Ordinal));

        Assert.Equal(title, response.GetProperty("data").GetProperty("embeds")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task PagesSearchResultsWithButtonsThatCarryTheirState()
    {
        var first = await server.InteractAsync(Command("search", $"[{Option("query", "AI Factories")}]"));
        var buttons = first.GetProperty("data").GetProperty("components")[0].GetProperty("components");
        Assert.True(buttons[0].GetProperty("disabled").GetBoolean());
        var next = buttons[1].GetProperty("custom_id").GetString()!;
        Assert.Equal("search:1:AI Factories", next);

        var click = await server.InteractAsync($$$"""{"id":"1","type":3,"token":"t","data":{"custom_id":"{{{next}}}","component_type":2},"message":{"id":"9","content":""}}""");

        Assert.Equal(7, click.GetProperty("type").GetInt32());
        Assert.StartsWith("Page 2 of", click.GetProperty("data").GetProperty("embeds")[0].GetProperty("footer").GetProperty("text").GetString());
    }

    [Fact]
    public async Task PostsAPrivateAnswerToTheChannel()
    {
        var click = await server.InteractAsync("""{"id":"1","type":3,"token":"t","member":{"user":{"id":"1500000000000000000"}},"data":{"custom_id":"post","component_type":2},"message":{"id":"9","embeds":[{"title":"What is Pharos?","description":"Pharos is the AI Factory in Athens"}]}}""");

        var data = click.GetProperty("data");
        Assert.Equal(4, click.GetProperty("type").GetInt32());
        Assert.False(data.TryGetProperty("flags", out _));
        Assert.Equal("What is Pharos?", data.GetProperty("embeds")[0].GetProperty("title").GetString());
        Assert.Equal(0, data.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
    }

    [Fact]
    public async Task AnswersTheTextOfAMessageFromTheContextMenu()
    {
        var body = """{"id":"1","type":2,"token":"t","data":{"id":"5","name":"Ask AI Factories bot","type":3,"target_id":"77","resolved":{"messages":{"77":{"id":"77","content":"which supercomputer is in kajaani?","author":{"id":"3"}}}}}}""";

        var response = await server.InteractAsync(body);

        Assert.Contains("LUMI-AI", response.GetProperty("data").GetProperty("embeds")[0].GetProperty("description").GetString());
    }

    [Theory]
    [InlineData("sources", "Sources")]
    [InlineData("help", "AiFactories.Bot")]
    public async Task AnswersSourcesAndHelp(string command, string title)
    {
        var response = await server.InteractAsync(Command(command));

        Assert.Equal(title, response.GetProperty("data").GetProperty("embeds")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task ApologisesPrivatelyForAnUnknownCommand()
    {
        var response = await server.InteractAsync(Command("frobnicate"));

        Assert.Equal(Ephemeral, response.GetProperty("data").GetProperty("flags").GetInt32());
    }

    [Fact]
    public async Task RejectsUnsignedTamperedAndStaleRequests()
    {
        var body = """{"id":"1","type":1}""";
        var now = TestSigner.Now();
        var signature = server.Signer.Sign(now, body);
        var stale = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600).ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(401, (await server.PostAsync(body, _ => { })).Status);
        Assert.Equal(401, (await server.PostAsync(body, h => h.Add("X-Signature-Timestamp", now))).Status);
        Assert.Equal(401, (await server.PostAsync(body, h => { h.Add("X-Signature-Ed25519", "nothex"); h.Add("X-Signature-Timestamp", now); })).Status);
        Assert.Equal(401, (await server.PostAsync(body.Replace("1", "2", StringComparison.Ordinal), h => { h.Add("X-Signature-Ed25519", signature); h.Add("X-Signature-Timestamp", now); })).Status);
        Assert.Equal(401, (await server.PostAsync(body, h => { h.Add("X-Signature-Ed25519", new TestSigner().Sign(now, body)); h.Add("X-Signature-Timestamp", now); })).Status);
        Assert.Equal(401, (await server.PostAsync(body, timestamp: stale)).Status);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("""{"type":1}""")]
    [InlineData("""{"id":"1","type":"1"}""")]
    [InlineData("""{"id":1,"type":2}""")]
    [InlineData("""{"id":"1","type":2,"data":{"options":{"not":"a list"}}}""")]
    public async Task AnswersMalformedJsonWith400(string body)
    {
        var (status, text, _) = await server.PostAsync(body);

        Assert.Equal(400, status);
        Assert.StartsWith("malformed interaction", text);
    }

    [Fact]
    public async Task AnswersDeeplyNestedJsonWith400()
    {
        var body = """{"id":"1","type":2,"data":{"options":[""" + string.Concat(Enumerable.Repeat("""{"name":"a","options":[""", 40)) + string.Concat(Enumerable.Repeat("]}", 40)) + "]}}";

        Assert.Equal(400, (await server.PostAsync(body)).Status);
    }

    [Fact]
    public async Task AnswersAnUnknownInteractionTypeWith400()
    {
        var (status, text, _) = await server.PostAsync("""{"id":"1","type":42,"token":"t"}""");

        Assert.Equal(400, status);
        Assert.Contains("unsupported interaction type 42", text);
    }

    [Fact]
    public async Task RefusesAnOversizedBody()
    {
        var (status, _, _) = await server.PostAsync("""{"id":"1","type":1,"pad":""" + JsonSerializer.Serialize(new string('x', 300_000)) + "}");

        Assert.Equal(413, status);
    }

    [Theory]
    [InlineData(300_000, 413)]
    [InlineData(200_000, 200)]
    [InlineData(10, 200)]
    public async Task ReadsABodySentInChunksUpToTheLimit(int padding, int status)
    {
        var (answered, text) = await server.PostChunkedAsync("""{"id":"1","type":1,"pad":""" + JsonSerializer.Serialize(new string('x', padding)) + "}");

        Assert.Equal(status, answered);
        if (status == 200)
        {
            Assert.Equal("""{"type":1}""", text);
        }
    }

    [Fact]
    public async Task ReportsHealthWithCounts()
    {
        using var response = await server.Http.GetAsync(server.BaseUrl + "/healthz");
        var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(32, health.GetProperty("sites").GetInt32());
    }

    [Fact]
    public async Task AnswersTheQuestionSetThroughAskAsTheCommandLineDoes()
    {
        using var knowledge = KnowledgeBase.Load(CliRunner.Corpus);
        var questions = QuestionSet.Parse(await File.ReadAllTextAsync(Path.Combine(CliRunner.RepositoryRoot, "tests", "eval", "questions.jsonl")), "questions.jsonl");

        foreach (var question in questions)
        {
            var expected = knowledge.Ask(question.Q);
            var response = await server.InteractAsync(Command("ask", $"[{Option("question", question.Q)}]"));
            var embed = response.GetProperty("data").GetProperty("embeds")[0];
            var description = embed.GetProperty("description").GetString()!;

            var statements = AiFactories.Bot.Rendering.AnswerLayout.Statements(expected);
            Assert.StartsWith(statements.Length > 3000 ? statements[..3000] : statements, description);
            var fields = embed.TryGetProperty("fields", out var f) ? f.EnumerateArray().Select(x => x.GetProperty("name").GetString()).ToList() : [];
            // The sources always close the embed; the cards before them are the answer's first ones, as
            // many as Discord's 6000-character total leaves room for.
            var hasSources = AiFactories.Bot.Rendering.AnswerLayout.Citations(expected, maxSources: 3).Count > 0;
            Assert.Equal(hasSources, fields.LastOrDefault() == expected.Say("sources"));
            var cards = fields.SkipLast(hasSources ? 1 : 0).ToList();
            Assert.Equal(expected.Cards.Take(cards.Count).Select(c => c.Title), cards);
            var size = embed.GetProperty("title").GetString()!.Length + description.Length + embed.GetProperty("footer").GetProperty("text").GetString()!.Length
                + (embed.TryGetProperty("fields", out var all) ? all.EnumerateArray().Sum(x => x.GetProperty("name").GetString()!.Length + x.GetProperty("value").GetString()!.Length) : 0);
            Assert.InRange(size, 1, 6000);
            Assert.True(cards.Count == Math.Min(7, expected.Cards.Count) || size > 6000 - 1024 - 256, $"{question.Id}: {cards.Count} cards in {size} characters");
        }
    }
}
