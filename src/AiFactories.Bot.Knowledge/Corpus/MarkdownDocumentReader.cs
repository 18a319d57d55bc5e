namespace AiFactories.Bot.Knowledge.Corpus;

/// <summary>
/// Reads a source document: a header between two "---" lines (key: value), then a Markdown body
/// whose level-1 heading is the title and whose other headings start sections.
/// </summary>
internal static class MarkdownDocumentReader
{
    private static readonly string[] Required = ["id", "title", "date", "language", "origin"];
    private static readonly string[] Optional = ["kind", "removed", "edits"];

    public static SourceDocument Read(string file, string path, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            throw new CorpusException(file, null, null, "the document must start with a metadata header between two '---' lines", 1);
        }

        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 1;
        for (; i < lines.Length && lines[i].Trim() != "---"; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new CorpusException(file, null, null, "header lines must read 'key: value'", i + 1);
            }

            var key = line[..colon].Trim();
            if (!Required.Contains(key) && !Optional.Contains(key))
            {
                throw new CorpusException(file, null, key, "unknown field", i + 1);
            }

            if (header.ContainsKey(key))
            {
                throw new CorpusException(file, null, key, "field given twice", i + 1);
            }

            header[key] = line[(colon + 1)..].Trim();
        }

        if (i >= lines.Length)
        {
            throw new CorpusException(file, null, null, "the metadata header has no closing '---' line");
        }

        header.TryGetValue("id", out var record);
        foreach (var key in Required.Where(k => !header.TryGetValue(k, out var v) || v.Length == 0))
        {
            throw new CorpusException(file, record, key, "required field is missing");
        }

        if (!CorpusLoader.IsPartialDate(header["date"]))
        {
            throw new CorpusException(file, record, "date", $"'{header["date"]}' is not a date in the form yyyy, yyyy-MM or yyyy-MM-dd");
        }

        var paragraphs = MarkdownText.Paragraphs(string.Join('\n', lines.Skip(i + 1)));
        if (paragraphs.Count == 0)
        {
            throw new CorpusException(file, record, null, "the document has no text after its header");
        }

        return new SourceDocument(
            header["id"],
            header["title"],
            header["date"],
            header["language"],
            header.GetValueOrDefault("kind", "document"),
            header["origin"],
            header.GetValueOrDefault("removed"),
            header.GetValueOrDefault("edits"),
            path,
            paragraphs);
    }
}
