using AiFactories.Bot.Knowledge;
using AiFactories.Bot.Tests.Shared;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace AiFactories.Bot.Tests.Cli;

/// <summary>
/// `import` end to end: a PDF, a saved web page and a Markdown file written here, imported into a copy
/// of the corpus, loaded as the bot reloads, asked a question only they answer, and cited.
/// </summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aif-import-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    /// <summary>A one-page PDF with a title in its metadata and two paragraphs.</summary>
    private string WritePdf(string name, params string[] lines)
    {
        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = "Zephyr supercomputer briefing";
        var page = builder.AddPage(PageSize.A4);
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var y = 760.0;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                y -= 30;
                continue;
            }

            page.AddText(line, 11, new PdfPoint(50, y), font);
            y -= 14;
        }

        var path = PathOf(name);
        File.WriteAllBytes(path, builder.Build());
        return path;
    }

    [Fact]
    public async Task ImportsAPdfThatTheBotThenAnswersFromAndCites()
    {
        using var copy = new CorpusCopy();
        var pdf = WritePdf("briefing.pdf",
            "The Zephyr supercomputer in Tallinn was switched on on 3 March 2026.",
            "It has 1,024 accelerators for AI training.",
            string.Empty,
            "Zephyr is run by the Baltic Computing Agency.");

        var (exit, output, error) = await CliRunner.RunAsync(["import", pdf, "--date", "2026-03-03", "--origin", "https://example.org/zephyr.pdf"], corpus: copy.Root);

        Assert.True(exit == 0, error);
        Assert.Matches(@"wrote .*zephyr-supercomputer-briefing\.md: ""Zephyr supercomputer briefing"" \(id zephyr-supercomputer-briefing\), \d+ paragraphs", output);
        using var knowledge = KnowledgeBase.Load(copy.Root);
        var answer = knowledge.Ask("Who runs the Zephyr supercomputer?");
        Assert.True(answer.Answered, answer.Text);
        Assert.Contains("Baltic Computing Agency", answer.Text);
        Assert.Contains(answer.Citations, c => c.Title.Contains("Zephyr supercomputer briefing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportsTheMainTextOfAWebPageWithoutItsMenusAndFooter()
    {
        using var copy = new CorpusCopy();
        var page = PathOf("page.html");
        await File.WriteAllTextAsync(page, """
            <!doctype html>
            <html lang="en"><head><title>Nordlys AI hub opens | Example News</title>
            <meta property="article:published_time" content="2026-05-04T09:00:00Z"></head>
            <body>
              <nav><a href="/">Home</a> <a href="/subscribe">Subscribe to our newsletter</a></nav>
              <article>
                <h1>Nordlys AI hub opens</h1>
                <p>The Nordlys AI hub in Tromsø opened its doors to start-ups on 4 May 2026, offering free training courses in machine learning for small firms.</p>
                <p>The hub was founded by the Arctic Data Foundation, which runs it with two universities and plans to welcome three hundred companies in its first year.</p>
                <p>Companies apply through a short online form and hear back within two weeks, the foundation said in its announcement.</p>
              </article>
              <footer>Cookie settings. All rights reserved.</footer>
            </body></html>
            """);

        var (exit, _, error) = await CliRunner.RunAsync(["import", page, "--id", "nordlys-hub"], corpus: copy.Root);

        Assert.True(exit == 0, error);
        var written = copy.Read("documents/nordlys-hub.md");
        Assert.Contains("title: Nordlys AI hub opens\n", written);
        Assert.Contains("date: 2026-05-04", written);
        Assert.DoesNotContain("Subscribe to our newsletter", written);
        Assert.DoesNotContain("Cookie settings", written);
        using var knowledge = KnowledgeBase.Load(copy.Root);
        var answer = knowledge.Ask("Who founded the Nordlys AI hub?");
        Assert.Contains("Arctic Data Foundation", answer.Text);
        Assert.Contains(answer.Citations, c => c.Title.Contains("Nordlys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportsMarkdownAsCleanTextWithoutItsEmphasisMarks()
    {
        using var copy = new CorpusCopy();
        var markdown = PathOf("notes.md");
        await File.WriteAllTextAsync(markdown, """
            # Kestrel cluster notes

            The **Kestrel** cluster in *Graz* was ordered by the [Styrian Compute Office](https://example.org) in January 2026.

            - It has 512 nodes.
            - It uses liquid cooling.
            """);

        var (exit, _, error) = await CliRunner.RunAsync(["import", markdown, "--date", "2026-01"], corpus: copy.Root);

        Assert.True(exit == 0, error);
        using var knowledge = KnowledgeBase.Load(copy.Root);
        var answer = knowledge.Ask("Who ordered the Kestrel cluster?");
        Assert.Contains("Styrian Compute Office", answer.Text);
        Assert.DoesNotContain("**Kestrel**", answer.Text);
        Assert.DoesNotContain("](", answer.Text);
    }

    [Fact]
    public async Task NeverOverwritesWithoutForce()
    {
        using var copy = new CorpusCopy();
        var markdown = PathOf("again.md");
        await File.WriteAllTextAsync(markdown, "# Again\n\nA short paragraph about the Kestrel cluster that is long enough to keep.\n");

        var first = await CliRunner.RunAsync(["import", markdown, "--date", "2026", "--id", "again"], corpus: copy.Root);
        var second = await CliRunner.RunAsync(["import", markdown, "--date", "2026", "--id", "again"], corpus: copy.Root);
        var forced = await CliRunner.RunAsync(["import", markdown, "--date", "2026", "--id", "again", "--force"], corpus: copy.Root);

        Assert.Equal(0, first.Exit);
        Assert.Equal(2, second.Exit);
        Assert.Contains("a document with id 'again' exists already", second.Error);
        Assert.Equal(0, forced.Exit);
    }

    [Theory]
    [InlineData("broken.pdf", "%PDF-1.7 this is not really a PDF", "not a readable PDF")]
    [InlineData("empty.html", "<html><body><nav>Home</nav></body></html>", "no main text found")]
    [InlineData("data.xlsx", "PK", "unknown file type '.xlsx'")]
    public async Task RefusesWhatItCannotReadInOneLineAndWritesNothing(string name, string content, string reason)
    {
        using var copy = new CorpusCopy();
        var before = Directory.GetFiles(copy.PathOf("documents")).Length;
        var file = PathOf(name);
        await File.WriteAllTextAsync(file, content);

        var (exit, output, error) = await CliRunner.RunAsync(["import", file, "--date", "2026-01-01"], corpus: copy.Root);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains(name, error);
        Assert.Contains(reason, error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Equal(before, Directory.GetFiles(copy.PathOf("documents")).Length);
    }

    [Fact]
    public async Task RefusesADateThatIsNotADate()
    {
        using var copy = new CorpusCopy();
        var markdown = PathOf("dated.md");
        await File.WriteAllTextAsync(markdown, "# Dated\n\nA paragraph long enough to be kept as the text of a document.\n");

        var (exit, _, error) = await CliRunner.RunAsync(["import", markdown, "--date", "31/02/2026"], corpus: copy.Root);

        Assert.Equal(2, exit);
        Assert.Contains("'31/02/2026' is not a date", error);
    }
}
