using AiFactories.Bot.Knowledge.Corpus;

namespace AiFactories.Bot.Import;

/// <summary>A Markdown file: its front matter's title and date if it has them, its first heading as the title otherwise, its body read by Markdig.</summary>
internal static class MarkdownFile
{
    public static ExtractedDocument Read(string file)
    {
        var text = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal);
        string? title = null;
        string? date = null;
        if (text.StartsWith("---\n", StringComparison.Ordinal) && text.IndexOf("\n---", 4, StringComparison.Ordinal) is var end and > 0)
        {
            foreach (var line in text[4..end].Split('\n'))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    var key = line[..colon].Trim();
                    var value = line[(colon + 1)..].Trim().Trim('"');
                    title = key == "title" ? value : title;
                    date = key == "date" ? value : date;
                }
            }

            text = text[(end + 4)..];
        }

        title ??= text.Split('\n').FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim();
        return new ExtractedDocument(title, date, "Markdown document", MarkdownText.Paragraphs(text));
    }
}
