using System.Text;
using Lucene.Net.Analysis.Miscellaneous;

namespace AiFactories.Bot.Knowledge.Text;

/// <summary>
/// The one notion of "the same word" outside the Lucene analyzer: lower case, accents folded the way
/// the index folds them (ASCIIFoldingFilter), so that Linköping, Linkoping and LINKÖPING agree; in
/// other scripts (Greek, Cyrillic) accents are dropped too, and Greek final sigma is an ordinary sigma.
/// </summary>
public static class TextFolding
{
    public static string Fold(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        // Most words of most questions and word lists are plain ASCII: lower-cased here without the
        // culture machinery, and returned as they are when already lower case.
        if (System.Text.Ascii.IsValid(text))
        {
            return LowerAscii(text);
        }

        var lower = text.ToLowerInvariant();
        var rented = System.Buffers.ArrayPool<char>.Shared.Rent(lower.Length * 4);
        try
        {
            var input = lower.ToCharArray();
            var length = ASCIIFoldingFilter.FoldToASCII(input, 0, rented, 0, input.Length);
            var folded = new string(rented, 0, length);
            return System.Text.Ascii.IsValid(folded) ? folded : FoldOtherScripts(folded);
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static string LowerAscii(string text) =>
        text.AsSpan().IndexOfAnyInRange('A', 'Z') < 0
            ? text
            : string.Create(text.Length, text, static (span, source) =>
            {
                source.AsSpan().CopyTo(span);
                System.Text.Ascii.ToLowerInPlace(span, out _);
            });

    private static string FoldOtherScripts(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var output = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            output.Append(c == 'ς' ? 'σ' : c);
        }

        return output.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Folded words: runs of letters and digits; everything else separates words.</summary>
    public static List<string> Words(string text)
    {
        var folded = Fold(text);
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i < folded.Length; i++)
        {
            if (char.IsLetterOrDigit(folded[i]))
            {
                if (start < 0)
                {
                    start = i;
                }
            }
            else if (start >= 0)
            {
                words.Add(start == 0 && i == folded.Length ? folded : folded[start..i]);
                start = -1;
            }
        }

        if (start >= 0)
        {
            words.Add(start == 0 ? folded : folded[start..]);
        }

        return words;
    }

    /// <summary>Folded words joined by single spaces: a phrase key for alias and cue lookups.</summary>
    public static string Key(string text) => string.Join(' ', Words(text));

    /// <summary>Folded text with runs of white space collapsed, for "does the answer contain" checks.</summary>
    public static string ForComparison(string text) =>
        string.Join(' ', Fold(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
