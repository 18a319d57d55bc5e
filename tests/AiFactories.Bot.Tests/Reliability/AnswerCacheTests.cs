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
    public void AQuestionAskedAgainInTheSameLocaleGetsTheKeptAnswer()
    {
        using var knowledge = Provider(cacheSize: 16);
        var answerer = new QuestionAnswerer(knowledge);

        var first = answerer.Ask(Athens, "en-US");
        var again = answerer.Ask("  " + Athens + " ", "en-US");
        var otherLocale = answerer.Ask(Athens, "de");
        var otherText = answerer.Ask("Who hosts the AI Factory in Barcelona?", "en-US");

        Assert.True(first.Kept);
        Assert.Same(first.Answer, again.Answer);
        Assert.NotSame(first.Answer, otherLocale.Answer);
        Assert.Equal(first.Answer!.Text, otherLocale.Answer!.Text);
        Assert.NotSame(first.Answer, otherText.Answer);
        Assert.Contains("Barcelona", otherText.Answer!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WithTheCacheOffEveryQuestionIsComposed()
    {
        using var knowledge = Provider(cacheSize: 0);
        var answerer = new QuestionAnswerer(knowledge);

        var first = answerer.Ask(Athens);
        var again = answerer.Ask(Athens);

        Assert.False(first.Kept);
        Assert.NotSame(first.Answer, again.Answer);
        Assert.Equal(first.Answer!.Text, again.Answer!.Text);
    }

    [Fact]
    public void AnAnswerKeptBeforeAReloadIsNotServedAfterIt()
    {
        using var knowledge = Provider(cacheSize: 16);
        var answerer = new QuestionAnswerer(knowledge);
        var before = answerer.Ask(Athens).Answer!;
        Assert.Contains("GRNET (National Infrastructures", before.Text, StringComparison.Ordinal);

        _corpus.Replace(Path.Combine("sites", "athens.json"), "GRNET (National Infrastructures for Research and Technology)", "GRNET, renamed for this test");
        Assert.True(knowledge.Reload().Reloaded);
        var after = answerer.Ask(Athens).Answer!;

        Assert.NotSame(before, after);
        Assert.Contains("GRNET, renamed for this test", after.Text, StringComparison.Ordinal);
        Assert.Same(after, answerer.Ask(Athens).Answer);
    }

    [Fact]
    public void AReloadLetsTheReplacedKnowledgeGoWithoutWaitingForAQuestion()
    {
        using var knowledge = Provider(cacheSize: 16);
        var answerer = new QuestionAnswerer(knowledge);
        var replaced = AskAndLetGo(knowledge, answerer);

        Assert.True(knowledge.Reload().Reloaded);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(replaced.IsAlive, "the answer cache still holds the knowledge a reload replaced");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference AskAndLetGo(KnowledgeProvider knowledge, QuestionAnswerer answerer)
    {
        Assert.True(answerer.Ask(Athens).Kept);
        return new WeakReference(knowledge.Current);
    }

    [Fact]
    public void KeepsNoMoreThanItsCapacityAndKeepsWhatIsAskedAgain()
    {
        using var knowledge = Provider(cacheSize: 0);
        var current = knowledge.Current;
        var cache = new AnswerCache(capacity: 4);
        var questions = new[] { "What is Pharos?", "What is IT4LIA?", "What is BSC AIF?", "What is LUMI AIF?", "What is MIMER?" };
        var answers = questions.ToDictionary(q => q, q => current.Ask(q));

        cache.Add(current, questions[0], null, answers[questions[0]]);
        cache.Add(current, questions[1], null, answers[questions[1]]);
        cache.Add(current, questions[2], null, answers[questions[2]]);
        Assert.True(cache.TryGet(current, questions[0], null, out var asked));
        Assert.Same(answers[questions[0]], asked);
        cache.Add(current, questions[3], null, answers[questions[3]]);
        cache.Add(current, questions[4], null, answers[questions[4]]);

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
        var again = responder.Respond(Athens);

        Assert.Same(first.Embeds![0], again.Embeds![0]);
        Assert.NotSame(first, again);
    }

    public void Dispose() => _corpus.Dispose();
}
