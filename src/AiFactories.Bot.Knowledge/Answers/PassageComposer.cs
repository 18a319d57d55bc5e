using AiFactories.Bot.Knowledge.Reading;
using AiFactories.Bot.Knowledge.Search;

namespace AiFactories.Bot.Knowledge.Answers;

/// <summary>Answers from the evidence sentence that holds most of the question's topic, or says the sources do not hold it.</summary>
internal sealed class PassageComposer(AnswerContext context)
{
    public Answer Compose(ParsedQuestion q)
    {
        var ranker = context.Ranker;
        var evidence = ranker.Rank(q, []);
        var best = evidence.FirstOrDefault();
        if (best is null || (q.Topic.Count > 0 && !ranker.Covers(best, q)))
        {
            return context.NotAnswered(q);
        }

        return context.Answered(q, AnswerKind.Passage, [best.Sentence.Text], [], ranker.Hits(q, evidence, [], context.Settings.MaxPassages));
    }

    /// <summary>Ranked passages for search terms, with highlights; no answer is drawn from them.</summary>
    public IReadOnlyList<PassageHit> Search(ParsedQuestion q, int max)
    {
        var ranker = context.Ranker;
        var entityTerms = ranker.EntityTerms(q);
        return ranker.Hits(q, ranker.Rank(q, entityTerms), entityTerms, max);
    }
}
