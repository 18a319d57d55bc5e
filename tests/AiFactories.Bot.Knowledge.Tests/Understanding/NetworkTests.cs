using AiFactories.Bot.Knowledge.Tests.Support;

namespace AiFactories.Bot.Knowledge.Tests.Understanding;

/// <summary>The whole network as it stands, said as of when; the first announcement when a question is scoped to it.</summary>
[Collection(KnowledgeCollection.Name)]
public sealed class NetworkTests(KnowledgeFixture fixture)
{
    private readonly KnowledgeBase _knowledge = fixture.Knowledge;

    [Fact]
    public void CountsTheNetworkAsOfTheDateTheKnowledgeRunsTo()
    {
        var answer = _knowledge.Ask("how many AI factories are there now?");

        Assert.StartsWith("As of July 2026, there are 19 AI Factories", answer.Text);
        Assert.Contains("7 selected on 10 December 2024", answer.Text);
    }

    [Theory]
    [InlineData("how many AI factories were in the first wave?", "7")]
    [InlineData("how many AI factories were selected in december 2024", "7")]
    [InlineData("how many factories came in the second wave?", "6")]
    public void AnswersAQuestionScopedToAWaveAboutThatWave(string question, string count)
    {
        var answer = _knowledge.Ask(question);

        Assert.StartsWith($"{count} AI Factories", answer.Text);
    }

    [Theory]
    [InlineData("when was the third wave announced?", "10 October 2025")]
    [InlineData("Milloin ensimmäiset tekoälytehtaat valittiin?", "10. joulukuuta 2024")]
    [InlineData("Hvornår blev de første AI-fabrikker udvalgt?", "10. december 2024")]
    [InlineData("Kiedy wybrano pierwsze fabryki AI?", "10 grudnia 2024")]
    public void AnswersWhenOfAWaveWithItsDateWhateverWordsNameIt(string question, string date)
    {
        var answer = _knowledge.Ask(question);

        Assert.True(answer.Answered, answer.Text);
        Assert.Contains(date, answer.Statements[0].Text);
    }

    [Theory]
    [InlineData("how much did the first wave cost", "EUR 1.5 billion")]
    [InlineData("Wie viel kosten die ersten sieben KI-Fabriken zusammen?", "EUR 1.5 billion")]
    [InlineData("what is the second wave's investment?", "EUR 485 million")]
    public void AnswersAnAmountOfAWaveFromWhatIsDatedToThatWave(string question, string amount)
    {
        var answer = _knowledge.Ask(question);

        Assert.Contains(amount, answer.Statements[0].Text);
    }

    [Theory]
    [InlineData("how many AI gigafactories are planned?")]
    [InlineData("Combien de gigafactories d'IA sont prévues ?")]
    public void CountsGigafactoriesFromTheFactSheetNotTheFactoryRecords(string question)
    {
        var answer = _knowledge.Ask(question);

        Assert.True(answer.Answered, answer.Text);
        Assert.Contains("Gigafactories", answer.Statements[0].Text);
        Assert.DoesNotContain("19", answer.Statements[0].Text);
        Assert.Empty(answer.Sites);
    }

    [Theory]
    [InlineData("Welche Fabriken kamen in der zweiten Welle?", "12. März 2025")]
    [InlineData("which factories came in the third wave?", "10 October 2025")]
    [InlineData("Welche Länder haben eine KI-Fabrik in der dritten Welle?", "10. Oktober 2025")]
    [InlineData("Welke landen hebben een AI-fabriek in de derde golf?", "10 oktober 2025")]
    [InlineData("Que países têm uma fábrica de IA na terceira vaga?", "10 de outubro de 2025")]
    public void ListsTheSitesOfAWaveWhateverVerbOrPluralAsksForThem(string question, string date)
    {
        var answer = _knowledge.Ask(question);

        Assert.True(answer.Answered, answer.Text);
        Assert.Contains(date, answer.Statements[0].Text);
        Assert.Equal(6, answer.Sites.Count);
    }

    [Fact]
    public void SaysYesToAnAntennaQuestionWithoutContradictingItAboutFactories()
    {
        var answer = _knowledge.Ask("Is there an AI factory antenna in the UK?");

        Assert.Equal("Yes.", answer.Statements[0].Text);
        Assert.DoesNotContain(answer.Statements, s => s.Text.StartsWith("No", StringComparison.Ordinal));
    }

    [Fact]
    public void SaysNoOnceForACountryWithNoSite()
    {
        var answer = _knowledge.Ask("Is Portugal part of an AI Factory?");

        Assert.Single(answer.Statements, s => s.Text.StartsWith("No", StringComparison.Ordinal));
        Assert.Equal("No.", answer.Statements[0].Text);
        Assert.StartsWith("Portugal hosts no AI Factory", answer.Statements[1].Text);
    }

    [Fact]
    public void GivesACountryItsLaterSitesWithWaveAndDate()
    {
        var answer = _knowledge.Ask("is there an AI factory in Poland?");

        Assert.StartsWith("Yes.", answer.Text);
        Assert.Contains("PIAST AI Factory in Poznań (second wave, 12 March 2025)", answer.Text);
        Assert.Contains("Gaia AI Factory in Kraków (third wave, 10 October 2025)", answer.Text);
    }

    [Fact]
    public void TellsFrancesWholeStory()
    {
        var answer = _knowledge.Ask("What about France?");

        Assert.Contains("not among the hosts of the 7 first-wave AI Factories", answer.Text);
        Assert.Contains("4 November 2024", answer.Text);
        Assert.Contains("AI2F", answer.Text);
        Assert.Contains("12 March 2025", answer.Text);
        Assert.Contains("seed article", answer.Text);
    }

    [Fact]
    public void FindsAnAntennaAndItsFactory()
    {
        var answer = _knowledge.Ask("which AI factory is HEARTS linked to?");

        Assert.Contains("LUMI AI Factory", answer.Text);
        Assert.Equal("switzerland-antenna", Assert.Single(answer.Sites).Id);
    }

    [Fact]
    public void AFactorysCardListsItsAntennas()
    {
        var lumi = _knowledge.FindSite("LUMI")!;

        var card = _knowledge.Card(lumi);

        var antennas = Assert.Single(card.Fields, f => f.Key == "antennas");
        Assert.Contains("HEARTS", antennas.Value);
        Assert.Contains("BE-AIFA", antennas.Value);
    }

    [Fact]
    public void FiltersTheNetworkByWaveAndKind()
    {
        var wave2 = _knowledge.SelectSites(wave: 2);
        var antennas = _knowledge.SelectSites(kind: "antenna");

        Assert.Equal(["france", "julich", "maribor", "poznan", "sofia", "vienna"], wave2.Sites.Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.Equal(13, antennas.Sites.Count);
    }

    [Fact]
    public void ListsTheFactoriesOfAWave()
    {
        var answer = _knowledge.Ask("which factories came in the third wave?");

        Assert.StartsWith("6 AI Factories", answer.Text);
        Assert.Contains("Gaia AI Factory", answer.Text);
        Assert.Contains("1HealthAI", answer.Text);
    }

    [Fact]
    public void AnswersTheArticlesQuestionFromTheArticleWithTodaysFactsBesideIt()
    {
        var answer = _knowledge.Ask("How much funding do the AI Factories get?");

        Assert.Contains("1.5 billion", answer.Text);
        Assert.Equal("AI: Europe is moving forward without France in strategic projects", answer.Citations[answer.Statements[0].Citation!.Value].Title);
        Assert.True(answer.Statements.Count >= 2, answer.Text);
    }

    [Fact]
    public void ShowsTheRecordsOwnSourcesForARecordClaim()
    {
        var answer = _knowledge.Ask("Which countries are partners of the LUMI AI Factory?");

        var citation = answer.Citations[answer.Statements[0].Citation!.Value];
        Assert.Contains("LUMI AI Factory", citation.Title);
        Assert.NotEmpty(citation.Sources);
        Assert.DoesNotContain(answer.Passages, p => p.Passage.Text.Contains("seven strategic locations", StringComparison.Ordinal));
    }

    [Fact]
    public void ShowsASentenceThatPointsBackWithWhatItPointsTo()
    {
        var answer = _knowledge.Ask("Where is the EuroHPC Joint Undertaking based?");

        Assert.Contains("Luxembourg", answer.Text);
        Assert.Contains("EuroHPC", answer.Text);
    }
}
