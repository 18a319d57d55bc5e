
namespace AiFactories.Bot.Knowledge.Tests.Answers;

/// <summary>Adding knowledge is a corpus change only: no code names a site, a country or a question.</summary>
public sealed class GeneralityTests
{
    private const string JulichRecord = """
        {
          "id": "julich",
          "factory": "JUPITER AI Factory (JAIF)",
          "city": "Jülich",
          "country": "Germany",
          "host": "Jülich Supercomputing Centre",
          "system": "JUPITER",
          "system_kind": "upgrade",
          "experimental_platform": false,
          "partner_countries": [],
          "sectors": ["robotics"],
          "wave": 2,
          "announced": "2025-03-12",
          "aliases": ["Juelich", "JSC", "Jülich Supercomputing Centre"],
          "sources": ["EuroHPC JU press release (12 March 2025)"]
        }
        """;

    [Fact]
    public void ANewSiteRecordIsAnsweredWithoutCodeChanges()
    {
        using var copy = new CorpusCopy();
        copy.Write("sites/julich.json", JulichRecord);
        using var knowledge = KnowledgeBase.Load(copy.Root);

        var host = knowledge.Ask("Who hosts the AI Factory in Juelich?");
        var system = knowledge.Ask("Which supercomputer does JSC run?");
        var robotics = knowledge.Ask("Which AI Factories focus on robotics?");

        Assert.Contains("Jülich Supercomputing Centre", host.Text);
        Assert.Contains("JUPITER", system.Text);
        Assert.Equal("julich", Assert.Single(robotics.Sites).Id);
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
