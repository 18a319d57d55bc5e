using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AiFactories.Bot.Knowledge.Corpus;

namespace AiFactories.Bot.Import;

/// <summary>What an import is asked to do: the file and the header values the user gives.</summary>
public sealed record ImportRequest(string File, string? Id, string? Title, string? Date, string? Origin, string? Language, bool Force);

/// <summary>What an import wrote.</summary>
public sealed record ImportResult(string Path, string Id, string Title, int Paragraphs, int Sections);

/// <summary>An import that cannot be done; the message names the file and the reason.</summary>
public sealed class ImportException(string message) : Exception(message);

/// <summary>A document's text as read from its file: title, date if it says, and its paragraphs by section.</summary>
internal sealed record ExtractedDocument(string? Title, string? Date, string Kind, IReadOnlyList<DocumentParagraph> Paragraphs);

/// <summary>
/// Turns a PDF, a saved web page or a Markdown file into a reviewable corpus document
/// (<c>documents/&lt;id&gt;.md</c>) with its header filled in; never overwrites without --force, and
/// writes nothing when anything is wrong.
/// </summary>
public static partial class DocumentImporter
{
    public static ImportResult Import(ImportRequest request, string corpusPath, Func<string, string> detectLanguage)
    {
        var file = request.File;
        if (!File.Exists(file))
        {
            throw new ImportException($"{file}: no such file");
        }

        var extension = Path.GetExtension(file).ToLowerInvariant();
        ExtractedDocument extracted;
        try
        {
            extracted = extension switch
            {
                ".pdf" => PdfText.Read(file),
                ".html" or ".htm" or ".xhtml" => HtmlText.Read(file, request.Origin),
                ".md" or ".markdown" or ".txt" => MarkdownFile.Read(file),
                _ => throw new ImportException($"{file}: unknown file type '{extension}'; import reads .pdf, .html and .md files"),
            };
        }
        catch (ImportException)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new ImportException($"{file}: cannot be read: {Cli.CliRuntime.OneLine(e.Message)}");
        }

        if (extracted.Paragraphs.Count == 0)
        {
            throw new ImportException($"{file}: no text found to import");
        }

        var title = Clean(request.Title ?? extracted.Title ?? Path.GetFileNameWithoutExtension(file));
        var date = request.Date ?? extracted.Date
            ?? throw new ImportException($"{file}: the file gives no date; say it with --date YYYY-MM-DD (or YYYY-MM, YYYY)");
        if (!IsDate(date))
        {
            throw new ImportException($"{file}: '{date}' is not a date; --date takes YYYY-MM-DD, YYYY-MM or YYYY");
        }

        var id = request.Id ?? Slug(title);
        if (!IdPattern().IsMatch(id))
        {
            throw new ImportException($"{file}: '{id}' cannot be an id; --id takes lower-case letters, digits and dashes");
        }

        var folder = Path.Combine(corpusPath, CorpusLoader.DocumentsFolder);
        var target = Path.Combine(folder, id + ".md");
        foreach (var existing in Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.md") : [])
        {
            if (Path.GetFullPath(existing) == Path.GetFullPath(target) || ReadId(existing) == id)
            {
                if (!request.Force)
                {
                    throw new ImportException($"{file}: a document with id '{id}' exists already ({Path.GetFileName(existing)}); choose another --id or replace it with --force");
                }
            }
        }

        var body = new StringBuilder();
        body.Append("# ").Append(title).Append("\n\n");
        string? section = null;
        var sections = 0;
        foreach (var paragraph in extracted.Paragraphs)
        {
            if (paragraph.Section != section && paragraph.Section is not null)
            {
                body.Append("## ").Append(paragraph.Section).Append("\n\n");
                sections++;
            }

            section = paragraph.Section;
            body.Append(paragraph.Text).Append("\n\n");
        }

        var text = body.ToString();
        var language = request.Language ?? detectLanguage(text);
        var origin = request.Origin ?? $"Imported from the file {Path.GetFileName(file)}";
        var document = new StringBuilder()
            .Append("---\n")
            .Append("id: ").Append(id).Append('\n')
            .Append("title: ").Append(title).Append('\n')
            .Append("date: ").Append(date).Append('\n')
            .Append("language: ").Append(language).Append('\n')
            .Append("kind: ").Append(extracted.Kind).Append('\n')
            .Append("origin: ").Append(Clean(origin)).Append('\n')
            .Append("edits: Imported by `aifactories-bot import` on ").Append(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Append(" from ").Append(Path.GetFileName(file)).Append(": the text only, in paragraphs; review before relying on it.\n")
            .Append("---\n\n")
            .Append(text.TrimEnd()).Append('\n')
            .ToString();

        // The document must load as the bot will load it; nothing is written otherwise.
        SourceDocument checkedDocument;
        try
        {
            checkedDocument = CorpusLoader.ReadDocument(Path.Combine(CorpusLoader.DocumentsFolder, id + ".md"), document);
        }
        catch (CorpusException e)
        {
            throw new ImportException($"{file}: the document would not load: {e.Message}");
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(target, document);
        return new ImportResult(target, id, title, checkedDocument.Paragraphs.Count, sections);
    }

    private static string? ReadId(string path)
    {
        foreach (var line in File.ReadLines(path).Take(20))
        {
            if (line.StartsWith("id:", StringComparison.Ordinal))
            {
                return line[3..].Trim();
            }
        }

        return null;
    }

    private static bool IsDate(string text) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy-MM", "yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>One line of plain text for the header.</summary>
    internal static string Clean(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Replace("---", "—", StringComparison.Ordinal);

    /// <summary>An id from a title: lower-case ASCII letters and digits joined by dashes, at most 60 characters.</summary>
    internal static string Slug(string title)
    {
        var folded = Knowledge.Text.TextFolding.Words(title).Where(w => w.All(char.IsAsciiLetterOrDigit));
        var slug = string.Join('-', folded);
        slug = slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
        return slug.Length == 0 ? "imported-document" : slug;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();
}
