using System.Text.Json.Nodes;

namespace AiFactories.Bot.Knowledge.Tests.Answers;

/// <summary>
/// A network far larger than today's: a country, or the network, with dozens of sites is answered with
/// the first ones and how many more, not one sentence naming them all, and each site is shown once.
/// </summary>
public sealed class LargeNetworkTests
{
    private const int Added = 40;

    [Fact]
    public void ListsOfDozensOfSitesNameTheFirstOnesAndHowManyMore()
    {
        using var copy = new CorpusCopy();
        AddGermanFactories(copy, Added);

        using var knowledge = KnowledgeBase.Load(copy.Root, keepIndex: false);
        var answer = knowledge.Ask("Which AI Factories are in Germany?");

        Assert.True(answer.Answered, answer.Text);
        var settings = new Knowledge.Answers.AnswerSettings();
        var germany = knowledge.Sites.Count(s => s.Country == "Germany" && s.IsFactory);
        Assert.True(germany > settings.MaxSites, $"only {germany} German factories");

        // The sentence that lists them names at most as many as an answer shows, then the rest as a count.
        var listing = Assert.Single(answer.Statements, s => s.Text.Contains("Synthcity", StringComparison.Ordinal));
        var named = Enumerable.Range(1, Added).Count(n => listing.Text.Contains($"Synthcity{n} ", StringComparison.Ordinal) || listing.Text.Contains($"Synthcity{n},", StringComparison.Ordinal) || listing.Text.Contains($"Synthcity{n})", StringComparison.Ordinal));
        Assert.InRange(named, 1, settings.MaxSites);
        Assert.True(listing.Text.Contains($"{germany - settings.MaxSites} more", StringComparison.Ordinal), listing.Text);
        Assert.Contains(germany.ToString(System.Globalization.CultureInfo.InvariantCulture), listing.Text, StringComparison.Ordinal);

        // The German sites shown as cards are ones the sentence names, each once.
        Assert.NotEmpty(answer.Sites);
        Assert.All(answer.Sites.Where(s => s.Country == "Germany"), s => Assert.Contains($"{s.City} (", listing.Text, StringComparison.Ordinal));
        Assert.Equal(answer.Sites.Count, answer.Sites.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count());

        // The network's own list, in another language: the same cut, in its words.
        var factories = knowledge.Sites.Count(s => s.IsFactory);
        var network = knowledge.Ask("Liste toutes les AI Factories");
        Assert.Equal("fr", network.Language);
        Assert.True(network.Text.Contains($"{factories - settings.MaxSites} autres", StringComparison.Ordinal), network.Text);
    }

    [Fact]
    public void OneSiteOverTheLimitIsNamedNotCounted()
    {
        using var copy = new CorpusCopy();
        var settings = new Knowledge.Answers.AnswerSettings();
        int german;
        using (var before = KnowledgeBase.Load(copy.Root, keepIndex: false))
        {
            german = before.Sites.Count(s => s.Country == "Germany" && s.IsFactory);
        }

        var added = settings.MaxSites + 1 - german;
        AddGermanFactories(copy, added);

        using var knowledge = KnowledgeBase.Load(copy.Root, keepIndex: false);
        foreach (var (question, more) in new[] { ("Which AI Factories are in Germany?", " more"), ("Quelles AI Factories y a-t-il en Allemagne ?", " autre") })
        {
            var answer = knowledge.Ask(question);
            var listing = Assert.Single(answer.Statements, s => s.Text.Contains("Synthcity", StringComparison.Ordinal));
            Assert.All(Enumerable.Range(1, added), n => Assert.Matches($@"Synthcity{n}\b", listing.Text));
            Assert.DoesNotContain("1" + more, listing.Text, StringComparison.Ordinal);
        }
    }

    /// <summary>Writes <paramref name="count"/> made-up German AI Factories (Stuttgart's record, renamed) into the copy.</summary>
    private static void AddGermanFactories(CorpusCopy copy, int count)
    {
        var template = JsonNode.Parse(copy.Read("sites/stuttgart.json"))!.AsObject();
        for (var n = 1; n <= count; n++)
        {
            var record = template.DeepClone().AsObject();
            record["id"] = $"synth-{n}";
            record["name"] = $"Synthfactory {n}";
            record["city"] = $"Synthcity{n}";
            record["system"] = $"Synthsystem {n}";
            record["aliases"] = new JsonArray($"Synthalias{n}");
            copy.Write($"sites/synth-{n}.json", record.ToJsonString());
        }
    }
}
