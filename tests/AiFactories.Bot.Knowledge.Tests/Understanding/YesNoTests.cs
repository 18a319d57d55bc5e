using AiFactories.Bot.Knowledge.Tests.Support;

namespace AiFactories.Bot.Knowledge.Tests.Understanding;

/// <summary>
/// A yes/no question is one whether its verb comes first ("Does Spain have...") or after its subject
/// ("L'Espagne a-t-elle...", "Portugal tem...", "Germany has...?"): it is answered yes or no in its
/// language, from the records, for every country the corpus names.
/// </summary>
[Collection(KnowledgeCollection.Name)]
public sealed class YesNoTests(KnowledgeFixture fixture)
{
    public static TheoryData<string, string> Forms => new()
    {
        { "en", "Does {0} have an AI Factory?" },
        { "en", "{0} has an AI Factory?" },
        { "fr", "{0} a-t-elle une usine d'IA ?" },
        { "pt", "{0} tem uma fábrica de IA?" },
        { "es", "¿{0} tiene una fábrica de IA?" },
        { "de", "Hat {0} eine KI-Fabrik?" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void AYesOrNoIsAnsweredYesOrNoWhereverItsVerbIs(string language, string form)
    {
        var knowledge = fixture.Knowledge;
        var corpus = knowledge.Corpus;
        var pack = corpus.Languages.Get(language);
        var wrong = new List<string>();
        foreach (var country in corpus.Countries.Select(c => c.Name))
        {
            var name = pack.Countries.GetValueOrDefault(country) ?? country;
            var question = string.Format(System.Globalization.CultureInfo.InvariantCulture, form, name);
            var holds = knowledge.Sites.Any(s => s.IsFactory && s.Country == country);
            var answer = knowledge.Ask(question);
            var expected = pack.Values[holds ? "yes" : "no"];
            var first = answer.Statements.FirstOrDefault()?.Text ?? "";
            if (answer.Language != language || !first.StartsWith(expected, StringComparison.OrdinalIgnoreCase))
            {
                wrong.Add($"{question} -> [{answer.Language}] {first}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
