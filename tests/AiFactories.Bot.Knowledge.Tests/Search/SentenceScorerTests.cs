using AiFactories.Bot.Knowledge.Evaluation;
using AiFactories.Bot.Knowledge.Tests.Support;

namespace AiFactories.Bot.Knowledge.Tests.Search;

/// <summary>
/// The precomputed BM25 scorer the answers rank with must rank as Lucene's IndexSearcher does for the
/// same query: the same scores at every rank and the same sentences, except that two sentences whose
/// scores differ in the last bit only (Lucene adds a group's synonyms in the order of its scorer
/// heap) may trade places.
/// </summary>
[Collection(KnowledgeCollection.Name)]
public sealed class SentenceScorerTests(KnowledgeFixture fixture)
{
    public static TheoryData<float, float> Boosts => new() { { 1f, 1f }, { 2.5f, 0.4f }, { 0.3f, 4f } };

    [Theory]
    [MemberData(nameof(Boosts))]
    public void RanksEveryQuestionOfTheOwnSetAsLuceneDoes(float cueBoost, float subjectBoost)
    {
        var index = fixture.Knowledge.Index;
        var questions = QuestionSet.Parse(File.ReadAllText(RepositoryPaths.OwnQuestionSet), RepositoryPaths.OwnQuestionSet).Select(q => q.Q).ToList();
        var compared = 0;
        foreach (var question in questions)
        {
            foreach (var part in fixture.Knowledge.Reader.Read(question).Parts)
            {
                // Groups as the ranker makes them: each topic word with its synonyms, cue words and subject words boosted.
                var groups = part.Topic.Select(t => (t.Terms, 1f))
                    .Concat(part.FieldCueWords.Select(w => ((IReadOnlyList<string>)index.Stems(w), cueBoost)))
                    .Concat(part.SubjectWords.Select(w => ((IReadOnlyList<string>)index.Terms(w), subjectBoost)))
                    .Concat(part.Matches.Select(m => ((IReadOnlyList<string>)index.Stems(m.Alias), 1f)))
                    .ToList();
                IReadOnlyCollection<string>? sites = part.Sites.Count > 0 ? part.Sites.Select(s => s.Site.Id).ToList() : null;
                foreach (var max in new[] { 3, 40 })
                {
                    var ours = index.SearchSentences(groups, max, sites);
                    var lucene = index.SearchSentencesWithLucene(groups, max, sites);
                    AssertSameRanking(lucene, ours, $"\"{question}\" (max {max})");
                    AssertGroupsHeld(index, groups, ours, $"\"{question}\" (max {max})");
                    compared += lucene.Count;
                }
            }
        }

        // Most questions find something: the comparison is not between two empty lists.
        Assert.True(compared > questions.Count * 10, $"only {compared} hits compared");
    }

    [Fact]
    public void ClosingEarlyFindsTheSameSentencesScoresAndGroupsAsScoringEveryPosting()
    {
        var index = fixture.Knowledge.Index;
        var questions = QuestionSet.Parse(File.ReadAllText(RepositoryPaths.OwnQuestionSet), RepositoryPaths.OwnQuestionSet).Select(q => q.Q).ToList();
        var closedBefore = index.SearchesClosed;
        foreach (var question in questions)
        {
            foreach (var part in fixture.Knowledge.Reader.Read(question).Parts)
            {
                var groups = part.Topic.Select(t => (t.Terms, 1f))
                    .Concat(part.SubjectWords.Select(w => ((IReadOnlyList<string>)index.Terms(w), 0.5f)))
                    .Concat(part.Matches.Select(m => ((IReadOnlyList<string>)index.Stems(m.Alias), 1f)))
                    .ToList();
                foreach (var max in new[] { 1, 3, 10 })
                {
                    var closing = index.SearchSentences(groups, max);
                    var full = index.SearchSentences(groups, max, mayClose: false);
                    Assert.True(
                        full.Select(h => (h.Sentence.Ordinal, h.Score, h.Groups)).SequenceEqual(closing.Select(h => (h.Sentence.Ordinal, h.Score, h.Groups))),
                        $"\"{question}\" (max {max}): {string.Join(", ", full.Select(h => $"{h.Sentence.Ordinal}:{h.Score:R}:{h.Groups:b}"))} against {string.Join(", ", closing.Select(h => $"{h.Sentence.Ordinal}:{h.Score:R}:{h.Groups:b}"))}");
                }
            }
        }

        // The comparison is only worth something if searches did close: on this corpus the small ones do.
        Assert.True(index.SearchesClosed - closedBefore > questions.Count / 2, $"only {index.SearchesClosed - closedBefore} searches closed");
    }

    [Fact]
    public void KeepsOnlyTheSentencesOfTheSitesAskedAbout()
    {
        var index = fixture.Knowledge.Index;
        var site = fixture.Knowledge.Sites.First(s => s.Notes.Count > 0);
        var groups = new List<(IReadOnlyList<string>, float)> { (index.Terms("supercomputer hosted"), 1f), (index.Terms("AI Factory"), 1f) };
        var hits = index.SearchSentences(groups, 200, [site.Id]);
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.True(index.Passages[h.Sentence.PassageOrdinal].SiteId is null || index.Passages[h.Sentence.PassageOrdinal].SiteId == site.Id));
        AssertSameRanking(index.SearchSentencesWithLucene(groups, 200, [site.Id]), hits, "supercomputer hosted AI Factory, one site");
        AssertGroupsHeld(index, groups, hits, "supercomputer hosted AI Factory, one site");
    }

    [Fact]
    public void FindsNothingForTermsNoSentenceHolds() =>
        Assert.Empty(fixture.Knowledge.Index.SearchSentences([(["zzqx"], 1f), ([], 2f)], 40));

    [Fact]
    public void SaysWhichGroupsASentenceHoldsEvenWhenAnEarlierGroupScoredTheTerm()
    {
        var index = fixture.Knowledge.Index;
        var groups = new List<(IReadOnlyList<string>, float)> { (index.Terms("supercomputer"), 1f), (index.Terms("zzqx"), 1f), (index.Terms("supercomputer AI"), 1f) };
        var hits = index.SearchSentences(groups, 40);
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal(0UL, h.Groups & 0b010));
        Assert.Contains(hits, h => (h.Groups & 0b101) == 0b101);
        AssertGroupsHeld(index, groups, hits, "supercomputer, nothing, supercomputer AI");
    }

    /// <summary>Each hit's group bits say exactly which groups it holds a term of.</summary>
    private static void AssertGroupsHeld(Knowledge.Search.KnowledgeIndex index, IReadOnlyList<(IReadOnlyList<string> Terms, float Boost)> groups, IReadOnlyList<(Knowledge.Search.Sentence Sentence, float Score, ulong Groups)> hits, string what)
    {
        foreach (var (sentence, _, held) in hits)
        {
            for (var g = 0; g < Math.Min(groups.Count, 64); g++)
            {
                var holds = groups[g].Terms.Any(index.SentenceTerms(sentence.Ordinal).Contains);
                Assert.True(holds == ((held & (1UL << g)) != 0), $"{what}: sentence {sentence.Ordinal}, group {g} ({string.Join(' ', groups[g].Terms)}): holds {holds}, bits {held:b}");
            }
        }
    }

    private static void AssertSameRanking(IReadOnlyList<(Knowledge.Search.Sentence Sentence, float Score)> lucene, IReadOnlyList<(Knowledge.Search.Sentence Sentence, float Score, ulong Groups)> ours, string what)
    {
        static bool Close(float a, float b) => Math.Abs(a - b) <= Math.Max(Math.Abs(a), Math.Abs(b)) * 1e-6f;
        Assert.True(lucene.Count == ours.Count, $"{what}: Lucene finds {lucene.Count}, the scorer {ours.Count}");
        var luceneScores = lucene.ToDictionary(h => h.Sentence.Ordinal, h => h.Score);
        var last = lucene.Count == 0 ? 0 : lucene[^1].Score;
        for (var rank = 0; rank < lucene.Count; rank++)
        {
            Assert.True(Close(lucene[rank].Score, ours[rank].Score), $"{what}, rank {rank}: Lucene scores {lucene[rank].Score:R}, the scorer {ours[rank].Score:R}");
            var (sentence, score, _) = ours[rank];
            Assert.True(
                luceneScores.TryGetValue(sentence.Ordinal, out var expected) ? Close(expected, score) : Close(last, score),
                $"{what}, rank {rank}: sentence {sentence.Ordinal} scores {score:R}, which Lucene {(luceneScores.ContainsKey(sentence.Ordinal) ? $"scores {expected:R}" : "does not rank")}");
        }
    }
}
