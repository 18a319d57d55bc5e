using System.Diagnostics;
using System.Text.Json;
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

        // Warm up both paths until the JIT has tiered them up (steady state, as in a running server).
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(3))
        {
            for (var q = 0; q < questions.Count; q++)
            {
                FullAnswer(knowledge, questions[q], maxQuestionLength);
                knowledge.BareSearch(floorQueries[q], 40);
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
        return JsonSerializer.SerializeToUtf8Bytes(DiscordLimits.Enforce(response), DiscordJsonContext.Default.InteractionResponse).Length;
    }
}
