using System.Text;

namespace AiFactories.Bot.Knowledge.Search;

/// <summary>
/// Marks the words whose analyzed terms matched, in Markdown bold, on the original text; neighbouring
/// matches separated only by spaces become one bold run ("**experimentation platforms**").
/// </summary>
internal static class Highlighter
{
    /// <summary>Highlights with tokens analyzed beforehand (the index keeps them for every passage and sentence).</summary>
    public static string Highlight(string text, IReadOnlyList<(string Term, int Start, int End)> tokens, IReadOnlySet<string> terms)
    {
        if (terms.Count == 0)
        {
            return text;
        }

        var ranges = new List<(int Start, int End)>();
        foreach (var (term, start, end) in tokens)
        {
            if (!terms.Contains(term))
            {
                continue;
            }

            if (ranges.Count > 0 && (start <= ranges[^1].End || text.AsSpan(ranges[^1].End, start - ranges[^1].End).IsWhiteSpace()))
            {
                ranges[^1] = (ranges[^1].Start, Math.Max(ranges[^1].End, end));
            }
            else
            {
                ranges.Add((start, end));
            }
        }

        var output = new StringBuilder(text.Length + (ranges.Count * 4));
        var position = 0;
        foreach (var (start, end) in ranges)
        {
            output.Append(text, position, start - position).Append("**").Append(text, start, end - start).Append("**");
            position = end;
        }

        return output.Append(text, position, text.Length - position).ToString();
    }
}
