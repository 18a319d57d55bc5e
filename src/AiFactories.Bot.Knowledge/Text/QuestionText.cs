using System.Text;

namespace AiFactories.Bot.Knowledge.Text;

/// <summary>
/// A question as typed, made readable: compatibility forms unified (NFKC: full-width letters,
/// ligatures), and characters that change nothing a reader sees but break words (zero-width spaces
/// and joiners, soft hyphens, bidirectional controls) removed; other control characters become spaces.
/// </summary>
public static class QuestionText
{
    public static string Normalize(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        string normalized;
        try
        {
            normalized = text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // A lone surrogate cannot be normalized: it is dropped with the other invisible characters.
            normalized = text;
        }

        var output = new StringBuilder(normalized.Length);
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < normalized.Length && char.IsLowSurrogate(normalized[i + 1]))
                {
                    output.Append(c).Append(normalized[++i]);
                }

                continue;
            }

            if (IsInvisible(c))
            {
                continue;
            }

            output.Append(char.IsControl(c) ? ' ' : c);
        }

        return output.ToString();
    }

    /// <summary>Zero-width characters, soft hyphen, word joiner, byte-order mark and the bidirectional controls.</summary>
    public static bool IsInvisible(char c) => c is '\u00AD' or '\u034F' or '\u061C' or '\u180E'
        or (>= '\u200B' and <= '\u200F')
        or (>= '\u202A' and <= '\u202E')
        or (>= '\u2060' and <= '\u2064')
        or (>= '\u2066' and <= '\u2069')
        or '\uFEFF';
}
