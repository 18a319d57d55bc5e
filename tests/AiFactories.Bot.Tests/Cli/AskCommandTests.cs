using System.Text.Json;

namespace AiFactories.Bot.Tests.Cli;

public sealed class AskCommandTests
{
    [Fact]
    public async Task PrintsTheAnswerTheHighlightedEvidenceItsSourceAndTheSiteCard()
    {
        var (exit, output, error) = await CliRunner.RunAsync(["ask", "Who hosts the AI Factory in Kajaani?"]);

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        var lines = output.Split('\n');
        Assert.Contains("CSC", lines[0]);
        Assert.Contains("**Evidence**", output);
        Assert.Contains("> ", output);
        Assert.Contains("**Kajaani**", output);
        Assert.Contains("— AI: Europe is moving forward without France", output);
        Assert.Contains("**LUMI AI Factory (LUMI AIF) (Kajaani, Finland)**", output);
        Assert.Contains("• Host: CSC – IT Center for Science", output);
    }

    [Fact]
    public async Task WritesOneJsonObjectWithTheContractFields()
    {
        var (exit, output, _) = await CliRunner.RunAsync(["ask", "--json", "Which supercomputer is in Stuttgart?"]);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("Which supercomputer is in Stuttgart?", root.GetProperty("question").GetString());
        Assert.True(root.GetProperty("answered").GetBoolean());
        Assert.Contains("HammerHAI", root.GetProperty("answer").GetString());
        var site = Assert.Single(root.GetProperty("sites").EnumerateArray());
        Assert.Equal("stuttgart", site.GetProperty("id").GetString());
        Assert.Equal("Stuttgart", site.GetProperty("city").GetString());
        Assert.Equal("Germany", site.GetProperty("country").GetString());
        Assert.Contains("HLRS", site.GetProperty("host").GetString());
        Assert.Equal("HammerHAI", site.GetProperty("system").GetString());
        Assert.False(site.GetProperty("experimental_platform").GetBoolean());
        var passages = root.GetProperty("passages").EnumerateArray().ToList();
        Assert.NotEmpty(passages);
        Assert.All(passages, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("source").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("text").GetString()));
            Assert.Equal(JsonValueKind.Number, p.GetProperty("score").ValueKind);
        });
    }

    [Fact]
    public async Task SaysNotAnsweredInJsonForAQuestionOutsideTheCorpus()
    {
        var (exit, output, _) = await CliRunner.RunAsync(["ask", "--json", "What is the capital of Australia?"]);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("answered").GetBoolean());
        Assert.Empty(json.RootElement.GetProperty("sites").EnumerateArray());
        Assert.Empty(json.RootElement.GetProperty("passages").EnumerateArray());
    }

    [Fact]
    public async Task AnswersOneQuestionPerLineOfInputInOrder()
    {
        var input = "Where is the Italian AI Factory?\n\nWhat is Pharos?\n" + new string('x', 1001) + "\nstutgart\n";

        var (exit, output, _) = await CliRunner.RunAsync(["ask", "--json"], input);

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        var objects = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("Where is the Italian AI Factory?", objects[0].GetProperty("question").GetString());
        Assert.Contains("Bologna", objects[0].GetProperty("answer").GetString());
        Assert.Equal("the question is empty", objects[1].GetProperty("error").GetString());
        Assert.False(objects[1].GetProperty("answered").GetBoolean());
        Assert.Contains("Athens", objects[2].GetProperty("answer").GetString());
        Assert.Contains("limit is 1000", objects[3].GetProperty("error").GetString());
        Assert.Equal("stuttgart", objects[4].GetProperty("sites")[0].GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task RefusesAnEmptyQuestionWithOneLineAndExitCode2(string question)
    {
        var (exit, output, error) = await CliRunner.RunAsync(["ask", question]);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal("error: the question is empty", error.TrimEnd());
    }

    [Fact]
    public async Task RefusesAnOverLongQuestion()
    {
        var (exit, _, error) = await CliRunner.RunAsync(["ask", new string('a', 1001)]);

        Assert.Equal(2, exit);
        Assert.Equal("error: the question is 1001 characters long; the limit is 1000", error.TrimEnd());
    }

    [Fact]
    public async Task RefusesAnUnknownOption()
    {
        var (exit, _, error) = await CliRunner.RunAsync(["ask", "--yaml", "x"]);

        Assert.Equal(2, exit);
        Assert.Contains("unknown option '--yaml'", error);
    }

    [Fact]
    public async Task ExplainsHowItReadTheQuestion()
    {
        var (exit, output, _) = await CliRunner.RunAsync(["ask", "--explain", "Who hosts the AI Factory in Kajani?"]);

        Assert.Equal(0, exit);
        Assert.Matches(@"language: en \(", output);
        Assert.Matches(@"subject:\s+kajaani \(by '[^']+', (inflected or )?typo\)", output);
        Assert.Contains("asked:    Organisation", output);
        Assert.Contains("fields:   host", output);
        Assert.Contains("evidence for", output);
    }

    [Fact]
    public async Task AnswersInTheQuestionsLanguageAndSaysWhichInJson()
    {
        var (exit, output, _) = await CliRunner.RunAsync(["ask", "--json", "Qui gère l'usine d'IA de Stuttgart ?"]);

        Assert.Equal(0, exit);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal("fr", json.RootElement.GetProperty("language").GetString());
        Assert.Contains("HLRS", json.RootElement.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task TheLocaleDecidesOnlyWhenTheTextCannotTell()
    {
        var shortText = await CliRunner.RunAsync(["ask", "--json", "--locale", "de", "Kajaani?"]);
        var english = await CliRunner.RunAsync(["ask", "--json", "--locale", "de", "Who hosts the AI Factory in Kajaani?"]);

        Assert.Equal("de", Language(shortText.Output));
        Assert.Equal("en", Language(english.Output));
    }

    [Fact]
    public async Task RefusesALocaleItDoesNotKnow()
    {
        var (exit, _, error) = await CliRunner.RunAsync(["ask", "--locale", "klingon", "Kajaani?"]);

        Assert.Equal(2, exit);
        Assert.Contains("'klingon' is not a Discord locale", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task ReadsBatchLinesAsPlainTextOrAsJsonWithALocale()
    {
        var input = string.Join('\n',
            "Who hosts the AI Factory in Athens?",
            """{"question": "Kajaani?", "locale": "fr"}""",
            """{"question": "Wer betreibt die KI-Fabrik in Bologna?"}""",
            """{"locale": "fr"}""");

        var (exit, output, _) = await CliRunner.RunAsync(["ask", "--json"], input);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal("en", Language(lines[0]));
        Assert.Equal("fr", Language(lines[1]));
        Assert.Equal("de", Language(lines[2]));
        Assert.Contains("a JSON line needs a \\\"question\\\" string", lines[3]);
        Assert.Equal(0, exit);
    }

    private static string? Language(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("language", out var language) ? language.GetString() : null;
    }
}
