using AiFactories.Bot.Knowledge.Tests.Support;

namespace AiFactories.Bot.Knowledge.Tests.Understanding;

/// <summary>Questions are grouped by what the engine reads in them, not by their wording.</summary>
[Collection(KnowledgeCollection.Name)]
public sealed class GistTests(KnowledgeFixture fixture)
{
    private readonly KnowledgeBase _knowledge = fixture.Knowledge;

    [Theory]
    [InlineData("How many GPUs does the Kajaani machine have?", "how many gpus does the kajaani machine have")]
    [InlineData("how many GPUs does the Kajaani machine have?", "How many GPUs does the machine in Kajaani have??")]
    [InlineData("What is the price per GPU hour at LUMI?", "what's the price per gpu hour at lumi")]
    [InlineData("Is there an AI factory in Poland?", "is there an ai factory in poland")]
    public void RewordingsOfOneQuestionShareAGist(string one, string other)
    {
        Assert.Equal(_knowledge.Gist(one), _knowledge.Gist(other));
    }

    [Theory]
    [InlineData("How many GPUs does the Kajaani machine have?", "How many GPUs does the Barcelona machine have?")]
    [InlineData("Who hosts the AI Factory in Athens?", "Where is the AI Factory in Athens?")]
    [InlineData("What is the price per GPU hour at LUMI?", "How many employees does LUMI have?")]
    public void DifferentQuestionsHaveDifferentGists(string one, string other)
    {
        Assert.NotEqual(_knowledge.Gist(one), _knowledge.Gist(other));
    }

    [Theory]
    [InlineData("How many employees does the Kajaani AI factory have?")]
    [InlineData("Kto zarządza fabryką AI w Bolonii?")]
    [InlineData("Что такое фабрика ИИ?")]
    public void AnAnswerCarriesTheGistOfItsQuestion(string question)
    {
        var gist = _knowledge.Ask(question).Gist;

        Assert.NotEmpty(gist);
        Assert.Equal(_knowledge.Gist(question), gist);
    }
}
