using System.Globalization;
using AiFactories.Bot.Knowledge.Corpus;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;

namespace AiFactories.Bot.Import;

/// <summary>The text of a PDF (PdfPig), page after page in reading order, as paragraphs; its title and creation date from its metadata.</summary>
internal static class PdfText
{
    public static ExtractedDocument Read(string file)
    {
        try
        {
            using var pdf = PdfDocument.Open(file);
            if (pdf.IsEncrypted)
            {
                throw new ImportException($"{file}: the PDF is encrypted; save an unprotected copy and import that");
            }

            var paragraphs = new List<DocumentParagraph>();
            var options = new ContentOrderTextExtractor.Options { SeparateParagraphsWithDoubleNewline = true };
            foreach (var page in pdf.GetPages())
            {
                var text = ContentOrderTextExtractor.GetText(page, options);
                foreach (var block in text.Replace("\r", string.Empty, StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
                {
                    // Lines of a paragraph joined; a word cut by a hyphen at a line's end joined again.
                    var joined = block.Replace("-\n", string.Empty, StringComparison.Ordinal).Replace('\n', ' ');
                    var clean = DocumentImporter.Clean(joined);
                    if (clean.Length > 1)
                    {
                        paragraphs.Add(new DocumentParagraph(null, clean));
                    }
                }
            }

            var title = pdf.Information.Title is { Length: > 0 } metadataTitle ? metadataTitle : null;
            var created = pdf.Information.GetCreatedDateTimeOffset()?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return new ExtractedDocument(title, created, "PDF document", paragraphs);
        }
        catch (PdfDocumentEncryptedException)
        {
            throw new ImportException($"{file}: the PDF is encrypted; save an unprotected copy and import that");
        }
        catch (Exception e) when (e is not ImportException)
        {
            throw new ImportException($"{file}: not a readable PDF ({Cli.CliRuntime.OneLine(e.Message)})");
        }
    }
}
