using AiFactories.Bot.Knowledge.Tests.Support;

namespace AiFactories.Bot.Knowledge.Tests.Answers;

/// <summary>
/// A place named with words the sources never use, and nothing that asks about the AI Factories
/// ("weather in Kajaani tomorrow"), is not answered with the site's description: the sources say
/// nothing of it. The place with words they do use is still answered.
/// </summary>
[Collection(KnowledgeCollection.Name)]
public sealed class OffTopicTests(KnowledgeFixture fixture)
{
    [Theory]
    [InlineData("weather in {0} tomorrow")]
    [InlineData("Wetter morgen in {0}")]
    [InlineData("{0} restaurants vegetarian")]
    public void APlaceWithWordsTheSourcesNeverUseIsNotAnsweredWithItsSite(string form)
    {
        var knowledge = fixture.Knowledge;
        var wrong = new List<string>();
        foreach (var city in knowledge.Sites.Where(s => s.IsFactory).Select(s => s.City).OfType<string>().Distinct())
        {
            var question = string.Format(System.Globalization.CultureInfo.InvariantCulture, form, city);
            var answer = knowledge.Ask(question);
            if (answer.Answered)
            {
                wrong.Add($"{question}: {answer.Text.Split('\n')[0]}");
            }

            if (!knowledge.Ask($"{city} host").Answered)
            {
                wrong.Add($"{city} host: not answered");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
