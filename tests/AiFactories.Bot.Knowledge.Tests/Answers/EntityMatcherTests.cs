using AiFactories.Bot.Knowledge.Reading;
using AiFactories.Bot.Knowledge.Tests.Support;

namespace AiFactories.Bot.Knowledge.Tests.Answers;

[Collection(KnowledgeCollection.Name)]
public sealed class EntityMatcherTests(KnowledgeFixture fixture)
{
    private readonly KnowledgeBase _knowledge = fixture.Knowledge;

    [Theory]
    [InlineData("Stoccarda", "stuttgart")]
    [InlineData("Poznaniu", "poznan")]
    [InlineData("Kajaanissa", "kajaani")]
    [InlineData("HEARTS", "switzerland-antenna")]
    [InlineData("JUPITER AI Factory", "julich")]
    [InlineData("Linkoping", "linkoping")]
    [InlineData("LINKÖPING", "linkoping")]
    [InlineData("Athènes", "athens")]
    [InlineData("MareNostrum 5", "barcelona")]
    [InlineData("University of Stuttgart", "stuttgart")]
    [InlineData("Meluxina-AI", "bissen")]
    public void RecognisesASiteByAnyOfItsNames(string text, string site) =>
        Assert.Equal([site], _knowledge.Reader.Read(text).First.Sites.Select(s => s.Site.Id));

    [Fact]
    public void ReadsEveryCountryByTheNameItWritesInEachLanguage()
    {
        var wrong = new List<string>();
        foreach (var pack in _knowledge.Corpus.Languages.Packs)
        {
            foreach (var country in _knowledge.Corpus.Countries)
            {
                var written = pack.Countries.GetValueOrDefault(country.Name) ?? country.Name;
                var read = _knowledge.Reader.Read(written, pack.Code).First.Countries.Select(c => c.Country.Name).ToList();
                if (read is not [var only] || only != country.Name)
                {
                    wrong.Add($"{pack.Code} \"{written}\" read as [{string.Join(", ", read)}], not {country.Name}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Theory]
    [InlineData("Hat Island eine KI-Fabrik?", "Iceland")]
    [InlineData("Har Island en AI-fabrik?", "Iceland")]
    [InlineData("Is there an AI Factory on an island?", null)]
    [InlineData("Which AI Factories are on islands?", null)]
    public void ReadsANameOnlySomeLanguagesWriteOnlyInThoseLanguages(string question, string? country)
    {
        var parsed = _knowledge.Reader.Read(question);

        Assert.Equal(country is null ? [] : [country], parsed.First.Countries.Select(c => c.Country.Name));
    }

    [Theory]
    [InlineData("stutgart", "stuttgart")]
    [InlineData("Kajani", "kajaani")]
    [InlineData("Bolgna", "bologna")]
    [InlineData("Barcelonna", "barcelona")]
    public void ForgivesATypoInASiteName(string text, string site)
    {
        var parsed = _knowledge.Reader.Read(text).First;

        var match = Assert.Single(parsed.Matches);
        Assert.False(match.Exact);
        Assert.Equal(site, Assert.IsType<SiteEntity>(match.Entity).Site.Id);
    }

    [Theory]
    [InlineData("Which AI factory focuses on the green economy?")]
    [InlineData("Quelle est l'AI Factory la plus grande ?")]
    [InlineData("Will the capacity rise?")]
    public void DoesNotSeeASiteInOrdinaryWords(string question) => Assert.Empty(_knowledge.Reader.Read(question).First.Sites);

    [Theory]
    [InlineData("France", "France")]
    [InlineData("la France", "France")]
    [InlineData("Frankreich", "France")]
    [InlineData("Norvège", "Norway")]
    [InlineData("Turkey", "Türkiye")]
    [InlineData("Finlande", "Finland")]
    [InlineData("Suomi", "Finland")]
    [InlineData("finlandaise", "Finland")]
    [InlineData("w Polsce", "Poland")]
    [InlineData("Monaco di Baviera", "Germany")]
    public void RecognisesCountriesThatHostNoSite(string text, string country) =>
        Assert.Equal([country], _knowledge.Reader.Read(text).First.Countries.Select(c => c.Country.Name));

    [Fact]
    public void FindsSitesForTypedNamesBestFirst()
    {
        Assert.Equal("kajaani", _knowledge.FindSites("Kajaani", 25)[0].Id);
        Assert.Equal("bologna", _knowledge.FindSites("bol", 25)[0].Id);
        Assert.Equal("stuttgart", _knowledge.FindSites("hammer", 25)[0].Id);
        Assert.Equal("linkoping", _knowledge.FindSites("linkopin", 25)[0].Id);
        Assert.Empty(_knowledge.FindSites("zzzzzz", 25));
        Assert.Empty(_knowledge.FindSites("   ", 25));
    }
}
