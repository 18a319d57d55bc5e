
namespace AiFactories.Bot.Knowledge.Tests.Answers;

/// <summary>Adding knowledge is a corpus change only: no code names a site, a country or a question.</summary>
public sealed class GeneralityTests
{
    // A made-up fourth-wave factory: nothing in the code or the corpus knows Tartu, its host or its sector.
    private const string TartuRecord = """
        {
          "id": "tartu",
          "kind": "factory",
          "name": "Baltic Forest AI Factory (BFAIF)",
          "city": "Tartu",
          "country": "Estonia",
          "host": "University of Tartu High Performance Computing Center",
          "system": "Taiga-AI",
          "system_kind": "new",
          "experimental_platform": false,
          "partner_countries": ["Latvia"],
          "sectors": ["forestry"],
          "wave": 4,
          "announced": "2027-03-01",
          "aliases": ["BFAIF", "UT HPC Center"],
          "sources": ["A record written for this test"]
        }
        """;

    [Fact]
    public void ANewSiteRecordIsAnsweredWithoutCodeChanges()
    {
        using var copy = new CorpusCopy();
        copy.Write("sites/tartu.json", TartuRecord);
        using var knowledge = KnowledgeBase.Load(copy.Root);

        var host = knowledge.Ask("Who hosts the AI Factory in Tartu?");
        var system = knowledge.Ask("Which supercomputer does the UT HPC Center run?");
        var forestry = knowledge.Ask("Which AI Factories focus on forestry?");
        var french = knowledge.Ask("Qui héberge l'usine d'IA de Tartu ?");
        var count = knowledge.Ask("How many AI Factories are there now?");

        Assert.Contains("University of Tartu High Performance Computing Center", host.Text);
        Assert.Contains("Taiga-AI", system.Text);
        Assert.Equal("tartu", Assert.Single(forestry.Sites).Id);
        Assert.Equal("fr", french.Language);
        Assert.Contains("University of Tartu", french.Text);
        Assert.Contains("20", count.Text);
    }

    [Fact]
    public void ANewDocumentIsSearchedWithoutCodeChanges()
    {
        using var copy = new CorpusCopy();
        copy.Write("documents/quantum.md", """
            ---
            id: quantum-note
            title: A note on quantum computers
            date: 2025-06
            language: en
            origin: Written for this test.
            ---

            The EuroHPC quantum computers are installed in six countries, and the first one was inaugurated in Poznań.
            """);
        using var knowledge = KnowledgeBase.Load(copy.Root);

        var answer = knowledge.Ask("Where was the first quantum computer inaugurated?");

        Assert.True(answer.Answered);
        Assert.Contains("Poznań", answer.Text);
        Assert.Equal("quantum-note", answer.Passages[0].Passage.Source.Id);
    }
}
