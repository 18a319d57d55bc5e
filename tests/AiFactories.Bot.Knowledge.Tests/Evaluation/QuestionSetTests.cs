using AiFactories.Bot.Knowledge.Evaluation;
using AiFactories.Bot.Knowledge.Tests.Support;
using Xunit.Abstractions;

namespace AiFactories.Bot.Knowledge.Tests.Evaluation;

[Collection(KnowledgeCollection.Name)]
public sealed class QuestionSetTests(KnowledgeFixture fixture, ITestOutputHelper output)
{
    private readonly KnowledgeBase _knowledge = fixture.Knowledge;

    [Fact]
    public void TheProjectsOwnSetCoversEveryKindOfQuestion()
    {
        var questions = QuestionSet.Parse(File.ReadAllText(RepositoryPaths.OwnQuestionSet), "questions.jsonl");

        Assert.True(questions.Count >= 60, $"{questions.Count} questions");
        Assert.True(questions.Count(q => !q.Answerable) >= 8, "unanswerable questions");
        Assert.Equal(questions.Count, questions.Select(q => q.Id).Distinct().Count());
        foreach (var prefix in new[] { "s", "l", "t", "p", "n" })
        {
            Assert.Contains(questions, q => q.Id.StartsWith(prefix, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ScoresAtLeast95PercentOnTheProjectsOwnSet()
    {
        var questions = QuestionSet.Parse(File.ReadAllText(RepositoryPaths.OwnQuestionSet), "questions.jsonl");

        var outcomes = Score(questions);

        var passed = outcomes.Count(o => o.Passed);
        Assert.True(passed * 100 >= questions.Count * 95, $"score {passed}/{questions.Count}");
        Assert.All(outcomes.Where(o => !o.Question.Answerable), o => Assert.False(o.Answer.Answered, o.Question.Q));
    }

    [SkippableFact]
    public void ScoresAllOfTheSharedDevSet()
    {
        var path = Path.Combine(RepositoryPaths.Shared, "eval", "dev.jsonl");
        Skip.IfNot(File.Exists(path), $"the shared dev set is not beside this checkout ({path}); it exists for developers and CI only");
        var questions = QuestionSet.Parse(File.ReadAllText(path), "dev.jsonl");

        var outcomes = Score(questions);

        Assert.All(outcomes, o => Assert.True(o.Passed, $"{o.Question.Id}: {o.Miss}"));
    }

    [Fact]
    public void ScoringLooksAtTheAnswerTheCardsAndTheTopPassageIgnoringAccents()
    {
        var answer = _knowledge.Ask("What is Mimer?");
        var question = new EvalQuestion("x", "What is Mimer?", true, [["Linkoping"], ["NAISS"]]);

        Assert.True(QuestionSet.Score(question, answer).Passed);
        Assert.False(QuestionSet.Score(question with { Expect = [["Kraków"]] }, answer).Passed);
        Assert.False(QuestionSet.Score(question with { Answerable = false }, answer).Passed);
    }

    [Fact]
    public void RefusesAMalformedQuestionSetNamingTheLine()
    {
        var error = Assert.Throws<FormatException>(() => QuestionSet.Parse("{\"id\":\"a\",\"q\":\"x\",\"answerable\":true}\n{not json", "set.jsonl"));

        Assert.StartsWith("set.jsonl:2:", error.Message);
    }

    private List<EvalOutcome> Score(List<EvalQuestion> questions)
    {
        var outcomes = questions.Select(q => QuestionSet.Score(q, _knowledge.Ask(q.Q))).ToList();
        foreach (var miss in outcomes.Where(o => !o.Passed))
        {
            output.WriteLine($"MISS {miss.Question.Id}: {miss.Question.Q} -> {miss.Miss}");
        }

        return outcomes;
    }
}
