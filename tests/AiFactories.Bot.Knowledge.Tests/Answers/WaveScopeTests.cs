using AiFactories.Bot.Knowledge.Tests.Support;

namespace AiFactories.Bot.Knowledge.Tests.Answers;

/// <summary>
/// A question about one country's sites of one wave ("does Italy have a second-wave AI Factory") is
/// answered from that wave's records, for every country and wave in the corpus: the yes or no follows
/// the records, and the sites named are the country's, each with its wave.
/// </summary>
[Collection(KnowledgeCollection.Name)]
public sealed class WaveScopeTests(KnowledgeFixture fixture)
{
    private static readonly string[] Ordinals = ["first", "second", "third"];

    public static TheoryData<int> Waves => new() { 1, 2, 3 };

    [Theory]
    [MemberData(nameof(Waves))]
    public void AYesOrNoAboutACountrysWaveFollowsTheRecords(int wave)
    {
        var knowledge = fixture.Knowledge;
        var countries = knowledge.Sites.Where(s => s.IsFactory).Select(s => s.Country).Distinct().ToList();
        Assert.NotEmpty(countries);
        var wrong = new List<string>();
        foreach (var country in countries)
        {
            var holds = knowledge.Sites.Any(s => s.IsFactory && s.Country == country && s.Wave == wave);
            var answer = knowledge.Ask($"Does {country} have a {Ordinals[wave - 1]}-wave AI Factory?");
            var first = answer.Statements.FirstOrDefault()?.Text ?? "";
            if (!first.StartsWith(holds ? "Yes" : "No", StringComparison.Ordinal))
            {
                wrong.Add($"{country}: expected {(holds ? "yes" : "no")}, got \"{first}\"");
            }

            // What follows names the country's AI Factories (not another country's), each with its wave.
            foreach (var site in knowledge.Sites.Where(s => s.IsFactory && s.Country == country))
            {
                if (!answer.Text.Contains(site.City ?? site.Name ?? site.Id, StringComparison.Ordinal))
                {
                    wrong.Add($"{country}: {site.Name} not named");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
