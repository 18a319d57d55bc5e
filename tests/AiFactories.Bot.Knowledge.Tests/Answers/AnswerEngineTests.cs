using AiFactories.Bot.Knowledge.Answers;
using AiFactories.Bot.Knowledge.Tests.Support;

namespace AiFactories.Bot.Knowledge.Tests.Answers;

[Collection(KnowledgeCollection.Name)]
public sealed class AnswerEngineTests(KnowledgeFixture fixture)
{
    private readonly KnowledgeBase _knowledge = fixture.Knowledge;

    [Fact]
    public void AnswersWhoHostsASiteFromItsRecord()
    {
        var answer = _knowledge.Ask("Who hosts the AI Factory in Stuttgart?");

        Assert.True(answer.Answered);
        Assert.Equal(AnswerKind.Sites, answer.Kind);
        Assert.Contains("HLRS", answer.Text);
        Assert.Equal("stuttgart", Assert.Single(answer.Sites).Id);
    }

    [Fact]
    public void PutsTheDirectAnswerFirstAndTheEvidenceUnderIt()
    {
        var answer = _knowledge.Ask("Which supercomputer does the Finnish AI Factory use?");

        Assert.StartsWith("LUMI AI Factory", answer.Text);
        Assert.Contains("LUMI-AI", answer.Text);
        var top = answer.Passages[0];
        Assert.Contains("**", top.HighlightedText);
        Assert.False(string.IsNullOrWhiteSpace(top.Passage.Source.Cite()));
    }

    [Fact]
    public void ListsAllSitesForAQuestionAboutTheSet()
    {
        var answer = _knowledge.Ask("Which sites were selected in the first wave?");

        Assert.Equal(AnswerKind.SiteList, answer.Kind);
        Assert.Equal(7, answer.Sites.Count);
        Assert.StartsWith("7 ", answer.Text);
    }

    [Fact]
    public void FiltersTheSetByABooleanField()
    {
        var answer = _knowledge.Ask("Which AI Factories have an experimental platform?");

        Assert.Equal(["barcelona", "julich", "kajaani", "santiago"], answer.Sites.Select(s => s.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FiltersTheSetByAFieldValue()
    {
        var answer = _knowledge.Ask("Which first-wave AI Factories focus on cybersecurity?");

        Assert.Equal(["bissen", "bologna"], answer.Sites.Select(s => s.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DoesNotFilterByASynonymOfAFieldValue()
    {
        var answer = _knowledge.Ask("How much funding do the AI Factories get?");

        Assert.Equal(AnswerKind.Passage, answer.Kind);
        Assert.Contains("1.5 billion", answer.Text);
    }

    [Theory]
    [InlineData("What do the AI Factories cost?")]
    [InlineData("Combien coûtent les AI Factories ?")]
    public void DoesNotTakeASynonymOfASectorForASectorFilter(string question)
    {
        var answer = _knowledge.Ask(question);

        Assert.NotEqual(AnswerKind.SiteList, answer.Kind);
        Assert.Contains("1.5 billion", answer.Text);
    }

    [Fact]
    public void ReadsAVariantOfACueWordAsThatCue()
    {
        var parsed = _knowledge.Reader.Read("who hostes the greek ai factry").First;

        Assert.Contains("host", parsed.Fields);
        Assert.Contains("GRNET", _knowledge.Ask("who hostes the greek ai factry").Text);
    }

    [Fact]
    public void SaysYesForACountryThatHostsALaterSiteAndThatItWasNotInTheFirstWave()
    {
        var answer = _knowledge.Ask("Is France among the AI Factory hosts?");

        Assert.True(answer.Answered);
        Assert.Equal(AnswerKind.Country, answer.Kind);
        Assert.StartsWith("Yes.", answer.Text);
        Assert.Contains("12 March 2025", answer.Text);
        Assert.Contains("not among the hosts of the 7 first-wave AI Factories", answer.Text);
        Assert.Equal("france", Assert.Single(answer.Sites).Id);
        Assert.Contains("France", answer.Passages[0].Passage.Text);
    }

    [Fact]
    public void SaysNoForACountryThatHostsNoFirstWaveSiteWhenAskedAboutTheFirstWave()
    {
        var answer = _knowledge.Ask("Was France among the first seven AI Factory hosts?");

        Assert.StartsWith("No.", answer.Text);
        Assert.Contains("4 November 2024", answer.Text);
    }

    [Fact]
    public void NamesTheSitesAPartnerCountryTakesPartIn()
    {
        var answer = _knowledge.Ask("Is Norway part of an AI Factory?");

        Assert.Contains("partner country", answer.Text);
        Assert.Equal("kajaani", Assert.Single(answer.Sites).Id);
    }

    [Theory]
    [InlineData("What is the capital of Australia?")]
    [InlineData("Recommend a good pizza place")]
    [InlineData("Who won the World Cup?")]
    [InlineData("What is the population of Finland?")]
    [InlineData("Who is the mayor of Bologna?")]
    [InlineData("What's the weather in Paris?")]
    [InlineData("Give me a lasagna recipe")]
    public void SaysSoWhenTheCorpusDoesNotHoldTheAnswer(string question)
    {
        var answer = _knowledge.Ask(question);

        Assert.False(answer.Answered);
        Assert.Equal(AnswerKind.NotAnswered, answer.Kind);
        Assert.Empty(answer.Sites);
        Assert.Empty(answer.Passages);
        Assert.Contains("sources", answer.Text);
    }

    [Fact]
    public void NamesTheWordsItDoesNotKnow()
    {
        var answer = _knowledge.Ask("What is the population of Finland?");

        Assert.Contains("\"population\"", answer.Text);
    }

    [Theory]
    [InlineData("Où se trouve l'AI Factory finlandaise ?", "Kajaani")]
    [InlineData("Wo ist die deutsche AI Factory?", "Stuttgart")]
    [InlineData("Dove si trova la AI Factory italiana?", "Bologna")]
    [InlineData("¿Dónde está la AI Factory española?", "Barcelona")]
    public void AnswersInOtherLanguages(string question, string expected)
    {
        var answer = _knowledge.Ask(question);

        Assert.True(answer.Answered);
        Assert.Contains(expected, answer.Text);
    }

    [Fact]
    public void AnswersAProseQuestionWithTheBestSentenceAndItsSource()
    {
        var answer = _knowledge.Ask("When is the next deadline for AI Factory proposals?");

        Assert.Equal(AnswerKind.Passage, answer.Kind);
        Assert.Contains("February 1, 2025", answer.Text);
        Assert.StartsWith(answer.Passages[0].Sentence, answer.Text);
        Assert.Contains("**", answer.Passages[0].HighlightedSentence);
    }

    [Fact]
    public void AnswersFromASiteNoteWhenTheQuestionAsksWhatOnlyTheNoteHolds()
    {
        var answer = _knowledge.Ask("What is the budget of the Stuttgart AI Factory?");

        Assert.Contains("85 million", answer.Text);
        Assert.Equal("site:stuttgart", answer.Passages[0].Passage.Source.Id);
    }

    [Fact]
    public void KeepsOtherSitesNotesOutOfAGeneralAnswer()
    {
        var answer = _knowledge.Ask("What budgets were reported?");

        Assert.DoesNotContain(answer.Passages, p => p.Passage.SiteId is not null);
    }

    [Theory]
    [InlineData("AND (")]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData("title:x")]
    [InlineData("site_city:Kajaani OR text:*")]
    [InlineData("Kajaani~ AND \"LUMI")]
    [InlineData("\u0000\u0001\u001b[31m")]
    [InlineData("🤖🤖🤖 AI Factory? 🇫🇮")]
    [InlineData("أين مصنع الذكاء الاصطناعي")]
    [InlineData("שלום Kajaani")]
    public void TreatsHostileTextAsJustText(string question)
    {
        var answer = _knowledge.Ask(question);

        Assert.NotNull(answer.Text);
        Assert.Equal(question, answer.Question);
    }

    [Fact]
    public void SurvivesAQuestionOfSixThousandPunctuationCharacters()
    {
        var punctuation = string.Concat(Enumerable.Repeat("()[]{}:\"*?~^!&|\\/+-", 316))[..6000];

        var answer = _knowledge.Ask(punctuation);

        Assert.False(answer.Answered);
    }

    [Fact]
    public void SurvivesAVeryLongQuestionOfRealWords()
    {
        var question = string.Join(' ', Enumerable.Repeat("Who hosts the AI Factory in Kajaani", 200));

        var answer = _knowledge.Ask(question);

        Assert.True(answer.Answered);
        Assert.Contains("CSC", answer.Text);
    }

    [Fact]
    public void SearchRanksPassagesWithHighlights()
    {
        var hits = _knowledge.Search("experimentation platforms", 5);

        Assert.NotEmpty(hits);
        Assert.Contains("**experimentation platforms**", hits[0].HighlightedSentence);
        Assert.Equal(hits.Count, hits.Select(h => h.Passage.Ordinal).Distinct().Count());
    }

    [Fact]
    public void QuestionRulesRefuseEmptyAndOverLongQuestions()
    {
        Assert.Equal("the question is empty", QuestionRules.Problem("   ", 1000));
        Assert.Equal("the question is empty", QuestionRules.Problem(null, 1000));
        Assert.Contains("1001 characters", QuestionRules.Problem(new string('a', 1001), 1000));
        Assert.Null(QuestionRules.Problem(new string('a', 1000), 1000));
    }
}
