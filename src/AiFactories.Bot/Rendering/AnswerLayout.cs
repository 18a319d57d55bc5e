using System.Globalization;
using System.Text;
using AiFactories.Bot.Knowledge.Answers;

namespace AiFactories.Bot.Rendering;

/// <summary>
/// The parts of an answer every rendering shows, in the answer's language: the statements with their
/// citation marks, the evidence heading (saying the source's language when it differs), the list of
/// citations, and the footer with the date the knowledge runs to.
/// </summary>
public static class AnswerLayout
{
    public static string Statements(Answer answer)
    {
        if (answer.Statements.Count == 0)
        {
            return answer.Text;
        }

        var text = new StringBuilder();
        foreach (var statement in answer.Statements)
        {
            text.Append(statement.Text);
            if (statement.Citation is { } index && answer.Answered)
            {
                text.Append(" [").Append((index + 1).ToString(CultureInfo.InvariantCulture)).Append(']');
            }

            text.Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>"Evidence", or "Evidence · Source (English)" when the passage is in another language than the answer.</summary>
    public static string EvidenceHeading(Answer answer)
    {
        var heading = answer.Say("evidence");
        return answer.Evidence is { } top && top.Passage.Source.Language != answer.Language
            ? $"{heading} · {answer.Say("source_in").Replace("{language}", SourceLanguage(answer, top.Passage.Source.Language), StringComparison.Ordinal)}"
            : heading;
    }

    private static string SourceLanguage(Answer answer, string code) => code == "en" ? answer.Say("english") : code;

    /// <summary>One line per citation: "[1] Site record: PIAST AI Factory — eurotimes.eu (13 Mar 2025); …".</summary>
    public static IReadOnlyList<string> Citations(Answer answer, int maxSources = 4) =>
        answer.Answered
            ? answer.Citations.Select((c, i) =>
                $"[{(i + 1).ToString(CultureInfo.InvariantCulture)}] {c.Title}{(c.Date is null ? string.Empty : $" ({c.Date})")}" +
                (c.Sources.Count == 0 ? string.Empty : $" — {string.Join("; ", c.Sources.Take(maxSources))}{(c.Sources.Count > maxSources ? "; …" : string.Empty)}"))
                .ToList()
            : [];

    public static string Footer(Answer answer) =>
        answer.AsOf is { } asOf
            ? $"{answer.Say("footer")} · {answer.Say("knowledge_as_of").Replace("{as_of}", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)}"
            : answer.Say("footer");
}
