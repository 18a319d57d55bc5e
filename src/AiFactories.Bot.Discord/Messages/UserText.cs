using System.Text;

namespace AiFactories.Bot.Discord.Messages;

/// <summary>
/// Text a user wrote, made safe to show in a public message: Discord markdown escaped (so a question
/// cannot turn itself into a spoiler, a heading, a link or a code block), mentions neutralised
/// (@everyone, @here, &lt;@id&gt;, &lt;@&amp;role&gt;, &lt;#channel&gt; are shown, never resolved), and
/// bidirectional controls and invisible characters removed (so "right-to-left override" cannot
/// reverse what follows).
/// </summary>
public static class UserText
{
    private const string MarkdownCharacters = "\\*_~`|>#-[]()<:";

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var output = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (IsInvisible(c))
            {
                continue;
            }

            if (c is '\r' or '\n' or '\t')
            {
                output.Append(' ');
                continue;
            }

            if (MarkdownCharacters.Contains(c))
            {
                output.Append('\\');
            }

            output.Append(c);
            if (c == '@')
            {
                // "@everyone" stays readable but is no longer the word Discord pings with.
                output.Append('\u2060');
            }
        }

        return output.ToString();
    }

    /// <summary>Bidirectional embeddings, overrides and isolates; zero-width and other format characters.</summary>
    private static bool IsInvisible(char c) =>
        c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C'
        || (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format && c is not '\u200D');
}
