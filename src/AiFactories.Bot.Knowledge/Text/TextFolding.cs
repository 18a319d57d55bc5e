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

        var lower = text.ToLowerInvariant().ToCharArray();
        var output = new char[lower.Length * 4];
        var length = ASCIIFoldingFilter.FoldToASCII(lower, 0, output, 0, lower.Length);
        var folded = new string(output, 0, length);
        foreach (var c in folded)
        {
            if (c >= '\u0080')
            {
                return FoldOtherScripts(folded);
            }
        }

        return folded;
    }

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
        var current = new StringBuilder();
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    /// <summary>Folded words joined by single spaces: a phrase key for alias and cue lookups.</summary>
    public static string Key(string text) => string.Join(' ', Words(text));

    /// <summary>Folded text with runs of white space collapsed, for "does the answer contain" checks.</summary>
    public static string ForComparison(string text) =>
        string.Join(' ', Fold(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
