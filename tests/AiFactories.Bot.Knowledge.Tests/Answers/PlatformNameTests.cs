using AiFactories.Bot.Knowledge.Tests.Support;

namespace AiFactories.Bot.Knowledge.Tests.Answers;

/// <summary>
/// The records say whether a factory has an experimental platform; their notes say what it is. Asked
/// what it is called, the answer gives the note, not only "it has one"; asked whether it has one, yes.
/// </summary>
[Collection(KnowledgeCollection.Name)]
public sealed class PlatformNameTests(KnowledgeFixture fixture)
{
    [Fact]
    public void AskedWhatAPlatformIsTheAnswerGivesTheNoteThatSays()
    {
        var knowledge = fixture.Knowledge;
        var withNotes = knowledge.Sites
            .Where(s => s.IsFactory && s.ExperimentalPlatform == true)
            .Select(s => (Site: s, Note: s.Notes.FirstOrDefault(n => n.Contains("experimental platform", StringComparison.OrdinalIgnoreCase))))
            .Where(x => x.Note is not null)
            .ToList();
        Assert.True(withNotes.Count >= 2, $"only {withNotes.Count} factories with a note on their platform");

        var wrong = new List<string>();
        foreach (var (site, note) in withNotes)
        {
            var called = knowledge.Ask($"What is the experimental platform of {site.City} called?");
            if (!called.Text.Contains(note!, StringComparison.Ordinal))
            {
                wrong.Add($"{site.Id}: {called.Text.Split('\n')[0]}");
            }

            var has = knowledge.Ask($"Does the AI Factory in {site.City} have an experimental platform?");
            if (!has.Text.StartsWith("Yes", StringComparison.Ordinal))
            {
                wrong.Add($"{site.Id} yes/no: {has.Text.Split('\n')[0]}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
