using System.Diagnostics;
using AiFactories.Bot.Tests.Shared;

namespace AiFactories.Bot.Tests.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public async Task RefusesAnUnknownCommand()
    {
        var (exit, output, error) = await CliRunner.RunAsync(["frobnicate"]);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error: unknown command 'frobnicate'", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task PrintsUsageWithoutACommand()
    {
        var (exit, _, error) = await CliRunner.RunAsync([]);

        Assert.Equal(2, exit);
        Assert.Contains("Usage:", error);
        Assert.Contains("ask", error);
        Assert.Contains("serve", error);
    }

    [Fact]
    public async Task ReportsAMissingCorpusInOneLineWithoutAStackTrace()
    {
        var (exit, output, error) = await CliRunner.RunAsync(["ask", "Where is Kajaani?"], corpus: "/no/such/corpus");

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal("error: the corpus cannot be loaded: /no/such/corpus: corpus folder not found", error.TrimEnd());
    }

    [Fact]
    public async Task ReportsABrokenCorpusNamingTheFileRecordAndField()
    {
        using var copy = new CorpusCopy();
        copy.Replace("sites/athens.json", "\"country\": \"Greece\",", string.Empty);

        var (exit, _, error) = await CliRunner.RunAsync(["ask", "What is Pharos?"], corpus: copy.Root);

        Assert.Equal(2, exit);
        Assert.Contains("sites/athens.json, record 'athens', field 'country': required field is missing", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task RefusesInvalidSettingsAtStartNamingTheSetting()
    {
        var (exit, _, error) = await CliRunner.RunAsync(["ask", "x"], extra: new Dictionary<string, string?> { ["Knowledge:MaxQuestionLength"] = "0" });

        Assert.Equal(2, exit);
        Assert.Contains("Knowledge:MaxQuestionLength", error);
    }

    [Fact]
    public async Task ListsAllSitesAndFiltersByCountryKindAndWave()
    {
        static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var all = await CliRunner.RunAsync(["sites"]);
        var finland = await CliRunner.RunAsync(["sites", "--country", "Finlande"]);
        var firstWave = await CliRunner.RunAsync(["sites", "--wave", "1"]);
        var antennas = await CliRunner.RunAsync(["sites", "--kind", "antenna"]);
        var greekAntennas = await CliRunner.RunAsync(["sites", "--kind", "antenna", "--country", "Greece"]);
        var noWave = await CliRunner.RunAsync(["sites", "--wave", "9"]);

        Assert.Equal(32, Lines(all.Output).Length);
        Assert.StartsWith("kajaani", Assert.Single(Lines(finland.Output)));
        Assert.Equal(7, Lines(firstWave.Output).Length);
        Assert.Equal(13, Lines(antennas.Output).Length);
        Assert.All(Lines(antennas.Output), line => Assert.Contains("— antenna (2025-10-13)", line));
        Assert.Equal("No site in Greece.", greekAntennas.Output.Trim());
        Assert.Contains("no site", noWave.Output + noWave.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ListsAnAntennaWhoseLinkIsUnknownAsNotReported()
    {
        var (_, output, _) = await CliRunner.RunAsync(["sites", "--country", "Slovakia"]);

        Assert.Contains("linked to: not reported", output);
    }

    [Fact]
    public async Task ShowsOneSiteByAMisspeltName()
    {
        var (exit, output, _) = await CliRunner.RunAsync(["site", "kajani"]);

        Assert.Equal(0, exit);
        Assert.Contains("**LUMI AI Factory (LUMI AIF) (Kajaani, Finland)**", output);
        Assert.Contains("• Partner countries: Czechia, Denmark, Estonia, Norway and Poland", output);
        Assert.Contains("• Sources:", output);
    }

    [Fact]
    public async Task SaysWhenNoSiteMatchesAName()
    {
        var (exit, _, error) = await CliRunner.RunAsync(["site", "Timbuktu"]);

        Assert.Equal(1, exit);
        Assert.StartsWith("error: no site matches 'Timbuktu'", error);
    }

    [Fact]
    public async Task SearchesPassagesWithRanksAndHighlights()
    {
        var (exit, output, _) = await CliRunner.RunAsync(["search", "Grand Palais"]);

        Assert.Equal(0, exit);
        Assert.StartsWith("1. ", output);
        Assert.Contains("**Grand Palais**", output);
    }

    [Fact]
    public async Task ReportsIndexCountsAndBuildTime()
    {
        var (exit, output, _) = await CliRunner.RunAsync(["index"]);

        Assert.Equal(0, exit);
        Assert.Matches(@"ai factories\s+19", output);
        Assert.Matches(@"antennas\s+13", output);
        Assert.Matches(@"languages\s+1\d", output);
        Assert.Matches(@"knowledge as of\s+\d{4}-\d\d-\d\d", output);
        Assert.Matches(@"index build ms\s+\d", output);
    }

    [Fact]
    public async Task ScoresAQuestionSetAndFailsBelowTheMinimum()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file,
            [
                """{"id":"a","q":"Where is the Swedish AI Factory?","answerable":true,"expect":[["Linköping"]]}""",
                """{"id":"b","q":"What is the capital of Australia?","answerable":false,"expect":[]}""",
                """{"id":"c","q":"Where is the Swedish AI Factory?","answerable":true,"expect":[["Oslo"]]}""",
            ]);

            var lenient = await CliRunner.RunAsync(["eval", file, "--min", "60"]);
            var strict = await CliRunner.RunAsync(["eval", file, "--min", "90"]);

            Assert.Equal(0, lenient.Exit);
            Assert.Equal(1, strict.Exit);
            Assert.Contains("MISS c: Where is the Swedish AI Factory?", lenient.Output);
            Assert.DoesNotContain("MISS a", lenient.Output);
            Assert.EndsWith("score: 2/3 (66.7%)", lenient.Output.TrimEnd());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task RefusesAMissingQuestionSet()
    {
        var (exit, _, error) = await CliRunner.RunAsync(["eval", "/no/such/set.jsonl"]);

        Assert.Equal(2, exit);
        Assert.Contains("question set not found", error);
    }

    [Fact]
    public async Task PrintsTheInformationalVersion()
    {
        var (exit, output, _) = await CliRunner.RunAsync(["--version"]);

        Assert.Equal(0, exit);
        Assert.Matches(@"^\d+\.\d+\.\d+", output.Trim());
        Assert.Equal(AiFactories.Bot.Cli.CommandLine.Version, output.Trim());
    }

    [Theory]
    [InlineData("ask", "--explain")]
    [InlineData("eval", "--min")]
    [InlineData("sites", "--country")]
    [InlineData("register", "--guild")]
    public async Task ExplainsEachCommandWithHelp(string command, string option)
    {
        var (exit, output, error) = await CliRunner.RunAsync([command, "--help"]);

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        Assert.Contains($"aifactories-bot {command}", output);
        Assert.Contains(option, output);
    }

    [Fact]
    public async Task TakesOptionValuesAfterAnEqualsSign()
    {
        var spaced = await CliRunner.RunAsync(["sites", "--country", "Finlande"]);
        var joined = await CliRunner.RunAsync(["sites", "--country=Finlande"]);

        Assert.Equal(0, joined.Exit);
        Assert.Equal(spaced.Output, joined.Output);
    }

    [Theory]
    [InlineData(new[] { "ask", "--bogus", "Where is Kajaani?" }, "unknown option '--bogus' for ask")]
    [InlineData(new[] { "eval", "set.jsonl", "--min", "abc" }, "--min takes a percentage from 0 to 100")]
    [InlineData(new[] { "index", "--frobnicate" }, "--frobnicate")]
    [InlineData(new[] { "register", "--guild", "not-a-number", "--print" }, "--guild takes a numeric server id")]
    public async Task RefusesBadUsageInOneLinePointingAtHelp(string[] args, string problem)
    {
        var (exit, output, error) = await CliRunner.RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains(problem, error);
        Assert.Contains("--help", error);
    }

    [Fact]
    public async Task ListsTheSourcesAsSlashSourcesDoes()
    {
        var (exit, output, _) = await CliRunner.RunAsync(["sources"]);

        Assert.Equal(0, exit);
        Assert.Contains("AI: Europe is moving forward without France", output);
        Assert.Contains("Site records (19 AI Factories, 13 antennas)", output);
        Assert.Matches(@"fact sheet: timeline and background \(\d+ entries, to \d{4}-\d\d-\d\d\)", output);
    }

    [Fact]
    public async Task TheBuiltExecutableAnswersFromAnyFolderWithTheCorpusItCarries()
    {
        var executable = Path.Combine(AppContext.BaseDirectory, "aifactories-bot.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { executable, "ask", "--json", "Which country is Bissen in?" },
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("Knowledge__CorpusPath");

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, error);
        Assert.Contains("Luxembourg", output);
    }

    [Theory]
    [InlineData("Knowledge:MaxQuestionLength", "abc", "setting Knowledge:MaxQuestionLength = 'abc' is not a whole number")]
    [InlineData("RateLimit:Enabled", "maybe", "setting RateLimit:Enabled = 'maybe' is not true or false")]
    [InlineData("Discord:Intents", "Bogus", "setting Discord:Intents = 'Bogus' is not a whole number")]
    [InlineData("Logging:LogLevel:Default", "Loud", "is not a log level")]
    [InlineData("Logging:Console:FormatterName", "xml", "is not a console log format")]
    [InlineData("Knowledge:MaxQuestionLenght", "5", "unknown setting Knowledge:MaxQuestionLenght")]
    [InlineData("Discord:MaxInFlight", "0", "Discord:MaxInFlight must be between 1 and 100000")]
    [InlineData("Discord:MaxBodyBytes", "2147483647", "Discord:MaxBodyBytes must be between 1024 and 67108864")]
    [InlineData("Discord:SignatureWindowSeconds", "0x10", "setting Discord:SignatureWindowSeconds = '0x10' is not a whole number")]
    [InlineData("Discord:MentionChannels", "general", "Discord:MentionChannels must list channel ids")]
    [InlineData("Health:Urls", "nonsense", "Health:Urls 'nonsense' is not a URL to listen on")]
    [InlineData("RateLimit:PeriodSeconds", "-1", "RateLimit:PeriodSeconds must be above 0")]
    [InlineData("Store:RetentionDays", "abc", "setting Store:RetentionDays = 'abc' is not a whole number")]
    [InlineData("Store:RetentionDays", "0", "Store:RetentionDays must be between 1 and 3650")]
    [InlineData("Store:Enabled", "maybe", "setting Store:Enabled = 'maybe' is not true or false")]
    [InlineData("Store:BufferSize", "0", "Store:BufferSize must be between 1 and 1000000")]
    public async Task RefusesABadSettingInOneLineNamingItAndWhereToSetIt(string key, string value, string problem)
    {
        var (exit, output, error) = await CliRunner.RunAsync(["ask", "Who hosts Pharos?"], extra: new Dictionary<string, string?> { [key] = value });

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains(problem, error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task NeverShowsASecretsValueInASettingsError()
    {
        var (exit, _, error) = await CliRunner.RunAsync(["ask", "x"], extra: new Dictionary<string, string?> { ["Discord:Bottoken"] = "secret-value", ["Discord:Intents"] = "x" });

        Assert.Equal(2, exit);
        Assert.DoesNotContain("secret-value", error);
    }

    [Fact]
    public async Task NeverShowsTheStoreConnectionStringInASettingsError()
    {
        var (exit, _, error) = await CliRunner.RunAsync(["ask", "x"], extra: new Dictionary<string, string?> { ["Store:ConnectionString"] = "Host=db;Password=hunter2;Port=notaport" });

        Assert.Equal(2, exit);
        Assert.Contains("Store:ConnectionString (hidden) is not a PostgreSQL connection string", error);
        Assert.DoesNotContain("hunter2", error);
    }

    [Fact]
    public async Task RefusesAServeAddressThatIsNotAUrlBeforeStarting()
    {
        var (exit, _, error) = await CliRunner.RunAsync(["serve", "--urls", "nonsense"], extra: new Dictionary<string, string?>
        {
            ["Discord:ApplicationId"] = "1100000000000000000",
            ["Discord:PublicKey"] = new TestSigner().PublicKeyHex,
        });

        Assert.Equal(2, exit);
        Assert.Contains("--urls 'nonsense' is not a URL to listen on", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task ReadsSettingsAndARelativeCorpusUnderTheContentRoot()
    {
        using var copy = new CorpusCopy();
        copy.Replace("sites/athens.json", "GRNET (National Infrastructures for Research and Technology)", "GRNET, as read under the content root");
        var root = Path.GetDirectoryName(copy.Root)!;
        await File.WriteAllTextAsync(Path.Combine(root, "appsettings.json"), """{ "Knowledge": { "CorpusPath": "corpus", "MaxQuestionLength": 500 } }""");

        var (exit, output, error) = await CliRunner.RunAsync(["--content-root", root, "ask", "Who hosts the AI Factory in Athens?"], extra: new Dictionary<string, string?> { ["Knowledge:CorpusPath"] = null });
        var missing = await CliRunner.RunAsync(["--content-root", Path.Combine(root, "nowhere"), "ask", "x"]);

        Assert.True(exit == 0, error);
        Assert.Contains("GRNET, as read under the content root", output);
        Assert.Equal(2, missing.Exit);
        Assert.Contains("is not a folder", missing.Error);
    }

    [Theory]
    [InlineData("not a url", 2)]
    [InlineData("http://127.0.0.1:1/healthz/ready", 1)]
    public async Task HealthProbeFailsClearlyForABadOrSilentAddress(string url, int expected)
    {
        var (exit, _, error) = await CliRunner.RunAsync(["health", url]);

        Assert.Equal(expected, exit);
        Assert.StartsWith("error: ", error);
    }
}
