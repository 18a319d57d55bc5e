using System.Diagnostics;
using AiFactories.Bot.Discord.Messages;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Knowledge;
using AiFactories.Bot.Knowledge.Answers;
using AiFactories.Bot.Knowledge.Evaluation;
using AiFactories.Bot.Rendering;

namespace AiFactories.Bot.Bench;

/// <summary>
/// The full /ask answer (question reading, search, highlighting, the Discord message and its JSON)
/// against the floor of a bare Lucene search for the same terms on the same index, interleaved in
/// one run so a noisy machine affects both alike.
/// </summary>
public static class AnswerBenchmark
{
    public sealed record Result(Stats Answer, Stats Floor, int Questions);

    /// <summary>The fixed question mix: the project's own question set, or the lexicon's suggestions.</summary>
    public static IReadOnlyList<string> QuestionMix(KnowledgeBase knowledge, string? questionSet)
    {
        if (questionSet is not null && File.Exists(questionSet))
        {
            return QuestionSet.Parse(File.ReadAllText(questionSet), questionSet).Select(q => q.Q).ToList();
        }

        return knowledge.AllSuggestions;
    }

    public static Result Run(KnowledgeBase knowledge, IReadOnlyList<string> questions, int rounds, int maxQuestionLength = 1000)
    {
        var floorQueries = questions.Select(knowledge.PrepareBareSearch).ToList();

        // Warm up both paths until the JIT has tiered them up (steady state, as in a running server):
        // at least three seconds, then until a whole second passes without a method compiled, which on
        // two cores takes several seconds more for all of Lucene and the engine (at most thirty).
        var warmUp = Stopwatch.StartNew();
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        var quietSince = TimeSpan.Zero;
        while (warmUp.Elapsed < TimeSpan.FromSeconds(30))
        {
            for (var q = 0; q < questions.Count; q++)
            {
                FullAnswer(knowledge, questions[q], maxQuestionLength);
                knowledge.BareSearch(floorQueries[q], 40);
            }

            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != compiled)
            {
                compiled = now;
                quietSince = warmUp.Elapsed;
            }
            else if (warmUp.Elapsed > TimeSpan.FromSeconds(3) && warmUp.Elapsed - quietSince > TimeSpan.FromSeconds(1))
            {
                break;
            }
        }

        var answer = new Stats();
        var floor = new Stats();
        for (var round = 0; round < rounds; round++)
        {
            for (var q = 0; q < questions.Count; q++)
            {
                var start = Stopwatch.GetTimestamp();
                FullAnswer(knowledge, questions[q], maxQuestionLength);
                answer.Add(start);

                start = Stopwatch.GetTimestamp();
                knowledge.BareSearch(floorQueries[q], 40);
                floor.Add(start);
            }
        }

        return new Result(answer, floor, questions.Count);
    }

    /// <summary>Everything /ask does between the option value and the response bytes.</summary>
    public static int FullAnswer(KnowledgeBase knowledge, string question, int maxQuestionLength)
    {
        if (QuestionRules.Problem(question, maxQuestionLength) is not null)
        {
            return 0;
        }

        var answer = knowledge.Ask(question.Trim());
        var response = InteractionResponse.Message(new InteractionCallbackData
        {
            Embeds = [DiscordRenderer.Answer(answer)],
            AllowedMentions = AllowedMentions.None,
        });
        return DiscordJson.ToUtf8Bytes(DiscordLimits.Enforce(response), DiscordJsonContext.Default.InteractionResponse).Length;
    }
}
