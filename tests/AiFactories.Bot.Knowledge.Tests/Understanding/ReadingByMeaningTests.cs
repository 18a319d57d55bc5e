using AiFactories.Bot.Knowledge.Tests.Support;

namespace AiFactories.Bot.Knowledge.Tests.Understanding;

/// <summary>Questions read by what they ask, not by word lists: harmless words ignored, unknown focus refused.</summary>
[Collection(KnowledgeCollection.Name)]
public sealed class ReadingByMeaningTests(KnowledgeFixture fixture)
{
    private readonly KnowledgeBase _knowledge = fixture.Knowledge;

    [Theory]
    [InlineData("roughly how many countries took part in the first-wave proposals?", "17")]
    [InlineData("who's Romania working alongside?", "BSC AI Factory")]
    [InlineData("how many AI factories are there altogether?", "19")]
    [InlineData("ngl who runs the kajaani one", "CSC")]
    public void AHarmlessUnknownWordDoesNotVetoAnUnderstoodQuestion(string question, string expected)
    {
        var answer = _knowledge.Ask(question);

        Assert.True(answer.Answered, answer.Text);
        Assert.Contains(expected, answer.Text + string.Join(' ', answer.Cards.Select(c => c.Title)));
    }

    [Theory]
    [InlineData("how many CPU cores will the Kajaani machine have?")]
    [InlineData("what is the population of Finland?")]
    [InlineData("how many employees does CINECA have?")]
    [InlineData("what's the price per GPU hour on LUMI?")]
    [InlineData("who is the hardware vendor of LUMI-AI?")]
    [InlineData("What is the capital of Australia?")]
    [InlineData("Who won the 2022 World Cup?")]
    public void RefusesWhenWhatIsAskedForIsNotInTheSources(string question)
    {
        var answer = _knowledge.Ask(question);

        Assert.False(answer.Answered, answer.Text);
        Assert.Empty(answer.Sites);
    }

    [Theory]
    [InlineData("how many CPU cores will the Kajaani machine have?", "cores")]
    [InlineData("What is the stock price of Nvidia?", "stock")]
    public void NamesTheWordsItDoesNotKnowAsTheAskerTypedThem(string question, string typed)
    {
        var answer = _knowledge.Ask(question);

        Assert.False(answer.Answered);
        Assert.Contains($"\"{typed}\"", answer.Text);
    }

    [Fact]
    public void SaysWhatTheSourcesDoHoldAboutTheSubjectWhenRefusing()
    {
        var answer = _knowledge.Ask("how many CPU cores will the Kajaani machine have?");

        Assert.Contains("\"cpu\"", answer.Text);
        Assert.Contains("LUMI AI Factory", answer.Text);
    }

    [Fact]
    public void AnswersYesOrNoOnlyToAYesNoQuestion()
    {
        var yesNo = _knowledge.Ask("Does the Barcelona AI Factory have an experimental platform?");
        var open = _knowledge.Ask("Which supercomputer does the Barcelona AI Factory use?");

        Assert.StartsWith("Yes.", yesNo.Text);
        Assert.DoesNotContain("Yes.", open.Text);
        Assert.DoesNotContain("No.", open.Text);
    }

    [Fact]
    public void ListsTheSitesANegatedFilterSelects()
    {
        var answer = _knowledge.Ask("which first-wave sites have no experimental platform?");

        Assert.Equal(["athens", "bissen", "bologna", "linkoping", "stuttgart"], answer.Sites.Select(s => s.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ListsTheSitesWithAnEmptyListWhenAskedForNone()
    {
        var answer = _knowledge.Ask("which of the first seven have no partner countries?");

        Assert.Equal(["athens", "bissen", "linkoping", "stuttgart"], answer.Sites.Select(s => s.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AnswersEachPartOfAMultiPartQuestion()
    {
        var answer = _knowledge.Ask("who hosts the Athens AI factory and which supercomputer is it associated with?");

        Assert.Contains("GRNET", answer.Text);
        Assert.Contains("DAEDALUS", answer.Text);
    }

    [Fact]
    public void SplitsBeforeACuePhraseThatStartsWithAQuestionWord()
    {
        var answer = _knowledge.Ask("when was the factory in Krakow selected and what is it called?");

        Assert.Equal(2, answer.Statements.Count(s => s.Text.StartsWith("Gaia AI Factory", StringComparison.Ordinal)));
        Assert.Contains("10 October 2025", answer.Statements[0].Text);
    }

    [Theory]
    [InlineData("whos behind the luxembourg one", "LuxProvide")]
    [InlineData("which factories dont have partner countries", "4 AI Factories match")]
    public void ReadsContractionsTypedWithoutTheApostrophe(string question, string expected) => AssertFirstStatementHolds(question, expected);

    [Theory]
    [InlineData("what is an AI gigafactory?", "An AI Gigafactory is")]
    [InlineData("Was ist eine KI-Fabrik?", "AI Factories are")]
    [InlineData("¿Qué es una antena de fábrica de IA?", "An AI Factory Antenna is")]
    public void DefinesTheSubjectWithASentenceThatSaysWhatItIs(string question, string expected) => AssertFirstStatementHolds(question, expected);

    [Fact]
    public void CountsAListWhenAskedHowMany()
    {
        var answer = _knowledge.Ask("how many partner countries does LUMI have");

        Assert.Contains(" 5 ", answer.Text);
        Assert.Contains("Norway", answer.Text);
    }

    [Fact]
    public void ComparesTwoNamedSitesByTheirBudgets()
    {
        var answer = _knowledge.Ask("between Stuttgart and Luxembourg, which factory has the bigger budget?");

        Assert.Contains("112", answer.Text);
        Assert.Contains("85", answer.Text);
    }

    [Fact]
    public void SaysAFieldIsNotReportedAndDoesNotCountItAsAnswered()
    {
        var answer = _knowledge.Ask("what's the name of the Austrian AI supercomputer?");

        Assert.False(answer.Answered);
        Assert.Contains("not reported in the sources", answer.Text);
    }

    [Theory]
    [InlineData("who hosts the AI Factory in Stutt\u200Bgart?")]
    [InlineData("who hosts the AI Factory in \u202EStuttgart?")]
    [InlineData("ｗｈｏ ｈｏｓｔｓ the AI Factory in Stuttgart?")]
    public void ReadsThroughInvisibleAndFullWidthCharacters(string question)
    {
        var answer = _knowledge.Ask(question);

        Assert.True(answer.Answered, answer.Text);
        Assert.Contains("HLRS", answer.Text);
    }

    private void AssertFirstStatementHolds(string question, string expected)
    {
        var answer = _knowledge.Ask(question);

        Assert.True(answer.Answered, answer.Text);
        Assert.Contains(expected, answer.Statements[0].Text);
    }
}
