using AiFactories.Bot.Knowledge.Tests.Support;
using AiFactories.Bot.Knowledge.Text;

namespace AiFactories.Bot.Knowledge.Tests.Answers;

/// <summary>
/// A question that names a site by its host or its machine and asks what the records do not hold
/// ("who is the director of CINECA") is not answered by saying the name back ("IT4LIA is hosted by
/// CINECA"); what the records hold about that name is still answered ("where is CINECA").
/// </summary>
[Collection(KnowledgeCollection.Name)]
public sealed class SaysBackTests(KnowledgeFixture fixture)
{
    [Fact]
    public void AHostOrMachineAskedAboutIsNotSaidBackAsTheAnswer()
    {
        var knowledge = fixture.Knowledge;
        // Every site one of whose aliases is its host or its machine, as the corpus has them.
        var named = knowledge.Sites
            .SelectMany(s => new[]
            {
                (Site: s, Value: s.Host, Asked: "Who runs {0}?"),
                (Site: s, Value: s.Host, Asked: "Chi è il direttore di {0}?"),
                (Site: s, Value: s.System, Asked: "Qui fournit le matériel de {0} ?"),
            })
            .Where(x => x.Value is not null && x.Site.City is not null && x.Site.Aliases.Any(a => TextFolding.Key(a) == TextFolding.Key(x.Value!)))
            .Where(x => x.Site.City != x.Value && x.Site.Name != x.Value)
            .ToList();
        Assert.True(named.Count >= 10, $"only {named.Count} sites named by their host or machine");

        var wrong = new List<string>();
        foreach (var (site, value, asked) in named)
        {
            var question = string.Format(System.Globalization.CultureInfo.InvariantCulture, asked, value);
            var unknown = knowledge.Ask(question);
            if (unknown.Answered)
            {
                wrong.Add($"{question}: answered \"{unknown.Text.Split('\n')[0]}\"");
            }

            // Asked whether, or which site: the name is the answer's subject, not what is asked about.
            var which = knowledge.Ask(asked.StartsWith("Who", StringComparison.Ordinal) ? $"Which AI Factory is hosted by {value}?" : $"Which AI Factory runs on {value}?");
            var whether = knowledge.Ask(asked.StartsWith("Who", StringComparison.Ordinal) ? $"Is {site.Name} hosted by {value}?" : $"Does {site.Name} run on {value}?");
            foreach (var (kind, answer) in new[] { ("which", which), ("whether", whether) })
            {
                if (!answer.Answered || !answer.Text.Contains(site.Name!, StringComparison.Ordinal))
                {
                    wrong.Add($"{kind} for {value}: \"{answer.Text.Split('\n')[0]}\"");
                }
            }

            var where = knowledge.Ask($"Where is {value}?");
            if (!where.Answered || !where.Text.Contains(site.City!, StringComparison.Ordinal))
            {
                wrong.Add($"where is {value}: \"{where.Text.Split('\n')[0]}\"");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
