using System.Runtime.CompilerServices;
using AiFactories.Bot.Answering;
using AiFactories.Bot.Commands;
using AiFactories.Bot.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Tests.Reliability;

/// <summary>
/// A question asked again is answered from the answer cache: the same answer for the same text and
/// locale, never an answer from knowledge that a reload replaced, and no more answers kept than asked for.
/// </summary>
public sealed class AnswerCacheTests : IDisposable
{
    private const string Athens = "Who hosts the AI Factory in Athens?";
    private readonly CorpusCopy _corpus = new();

    private KnowledgeProvider Provider(int cacheSize) =>
        new(Options.Create(new KnowledgeOptions { CorpusPath = _corpus.Root, AnswerCacheSize = cacheSize }), NullLogger<KnowledgeProvider>.Instance);

    [Fact]
    public void AQuestionAskedAgainInTheSameLocaleIsKeptAndThenServedTheKeptAnswer()
    {
        using var knowledge = Provider(cacheSize: 16);
        var answerer = new QuestionAnswerer(knowledge);

        var first = answerer.Ask(Athens, "en-US");
        var second = answerer.Ask("  " + Athens + " ", "en-US");
        var third = answerer.Ask(Athens, "en-US");
        var otherLocale = answerer.Ask(Athens, "de");
        var otherText = answerer.Ask("Who hosts the AI Factory in Barcelona?", "en-US");

        Assert.Null(first.Kept);
        Assert.NotNull(second.Kept);
        Assert.NotSame(first.Answer, second.Answer);
        Assert.Same(second.Answer, third.Answer);
        Assert.Same(second.Kept, third.Kept);
        Assert.Null(otherLocale.Kept);
        Assert.Equal(first.Answer!.Text, otherLocale.Answer!.Text);
        Assert.Contains("Barcelona", otherText.Answer!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WithTheCacheOffEveryQuestionIsComposed()
    {
        using var knowledge = Provider(cacheSize: 0);
        var answerer = new QuestionAnswerer(knowledge);

        var answers = Enumerable.Range(0, 3).Select(_ => answerer.Ask(Athens)).ToList();

        Assert.All(answers, a => Assert.Null(a.Kept));
        Assert.Equal(3, answers.Select(a => a.Answer).Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Single(answers.Select(a => a.Answer!.Text).Distinct());
    }

    [Fact]
    public void AnAnswerKeptBeforeAReloadIsNotServedAfterIt()
    {
        using var knowledge = Provider(cacheSize: 16);
        var answerer = new QuestionAnswerer(knowledge);
        answerer.Ask(Athens);
        var before = answerer.Ask(Athens);
        Assert.NotNull(before.Kept);
        Assert.Contains("GRNET (National Infrastructures", before.Answer!.Text, StringComparison.Ordinal);

        _corpus.Replace(Path.Combine("sites", "athens.json"), "GRNET (National Infrastructures for Research and Technology)", "GRNET, renamed for this test");
        Assert.True(knowledge.Reload().Reloaded);
        var after = answerer.Ask(Athens);

        Assert.Null(after.Kept);
        Assert.Contains("GRNET, renamed for this test", after.Answer!.Text, StringComparison.Ordinal);
        answerer.Ask(Athens);
        Assert.Contains("GRNET, renamed for this test", answerer.Ask(Athens).Kept!.Answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AReloadLetsTheReplacedKnowledgeGoWithoutWaitingForAQuestion()
    {
        using var knowledge = Provider(cacheSize: 16);
        var answerer = new QuestionAnswerer(knowledge);
        var replaced = AskAndLetGo(knowledge, answerer);

        Assert.True(knowledge.Reload().Reloaded);

        AssertLetGo(replaced);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference AskAndLetGo(KnowledgeProvider knowledge, QuestionAnswerer answerer)
    {
        answerer.Ask(Athens);
        Assert.NotNull(answerer.Ask(Athens).Kept);
        return new WeakReference(knowledge.Current);
    }

    [Fact]
    public void AQuestionStillAnsweringOnReplacedKnowledgeNeitherFindsNorKeepsNorHoldsIt()
    {
        using var knowledge = Provider(cacheSize: 0);
        var cache = new AnswerCache(capacity: 4);
        var replaced = AskOnKnowledgeAboutToBeReplaced(knowledge, cache);
        var next = knowledge.Current;

        Assert.Equal(0, cache.Count);
        Assert.Null(cache.Add(next, Athens, null, next.Ask(Athens)));
        Assert.NotNull(cache.Add(next, Athens, null, next.Ask(Athens)));

        AssertLetGo(replaced);
    }

    /// <summary>Nothing holds the knowledge a reload replaced: a full collection takes it.</summary>
    private static void AssertLetGo(WeakReference replaced)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(replaced.IsAlive, "the answer cache still holds the knowledge a reload replaced");
    }

    /// <summary>Asks on the knowledge loaded now, reloads, and asks on the replaced knowledge again, as a question in flight would.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference AskOnKnowledgeAboutToBeReplaced(KnowledgeProvider knowledge, AnswerCache cache)
    {
        var old = knowledge.Current;
        var answer = old.Ask(Athens);
        Assert.Null(cache.Add(old, Athens, null, answer));
        Assert.NotNull(cache.Add(old, Athens, null, answer));

        Assert.True(knowledge.Reload().Reloaded);
        cache.Reloaded(knowledge.Current);

        Assert.False(cache.TryGet(old, Athens, null, out _));
        Assert.Null(cache.Add(old, Athens, null, answer));
        Assert.Null(cache.Add(old, Athens, null, answer));
        return new WeakReference(old);
    }

    [Fact]
    public void ForgetsQuestionsAskedOnceLongAgo()
    {
        using var knowledge = Provider(cacheSize: 0);
        var current = knowledge.Current;
        var cache = new AnswerCache(capacity: 1);
        var questions = Enumerable.Range(0, 5).Select(i => $"What is site {i}?").ToList();
        var answer = current.Ask(questions[0]);

        Assert.All(questions, q => Assert.Null(cache.Add(current, q, null, answer)));

        // Twice the capacity per generation: the first two are forgotten, the last ones remembered.
        Assert.Null(cache.Add(current, questions[0], null, answer));
        Assert.NotNull(cache.Add(current, questions[3], null, answer));
    }

    [Fact]
    public void KeepsWhatIsAskedAgainNoMoreThanTwiceItsCapacityAndNothingAskedOnce()
    {
        using var knowledge = Provider(cacheSize: 0);
        var current = knowledge.Current;
        var cache = new AnswerCache(capacity: 2);
        var questions = new[] { "What is Pharos?", "What is IT4LIA?", "What is BSC AIF?", "What is LUMI AIF?", "What is MIMER?" };
        var answers = questions.ToDictionary(q => q, q => current.Ask(q));
        KeptAnswer? Offer(int i) => cache.Add(current, questions[i], null, answers[questions[i]]);

        Assert.All(Enumerable.Range(0, 5), i => Assert.Null(Offer(i)));
        Assert.Equal(0, cache.Count);

        Assert.NotNull(Offer(0));
        Assert.NotNull(Offer(1));
        Assert.True(cache.TryGet(current, questions[0], null, out _));
        Assert.NotNull(Offer(2));
        Assert.True(cache.TryGet(current, questions[0], null, out var asked));
        Assert.Same(answers[questions[0]], asked.Answer);
        Assert.NotNull(Offer(3));
        Assert.NotNull(Offer(4));

        Assert.InRange(cache.Count, 1, 4);
        Assert.True(cache.TryGet(current, questions[0], null, out _), "a question asked again is kept");
        Assert.True(cache.TryGet(current, questions[4], null, out _), "the newest question is kept");
        Assert.False(cache.TryGet(current, questions[1], null, out _), "the oldest question not asked again is forgotten");
        Assert.False(cache.TryGet(current, questions[0], "de", out _), "the locale is part of the question");
    }

    [Fact]
    public void AKeptAnswerIsRenderedOnceForDiscord()
    {
        using var knowledge = Provider(cacheSize: 16);
        var responder = new AnswerResponder(new QuestionAnswerer(knowledge), new BotTexts(knowledge));

        var first = responder.Respond(Athens);
        var second = responder.Respond(Athens);
        var third = responder.Respond(Athens);

        Assert.NotSame(first.Embeds![0], second.Embeds![0]);
        Assert.Equal(first.Embeds![0].Description, second.Embeds![0].Description);
        Assert.Same(second.Embeds![0], third.Embeds![0]);
        Assert.NotSame(second, third);
    }

    public void Dispose() => _corpus.Dispose();
}
