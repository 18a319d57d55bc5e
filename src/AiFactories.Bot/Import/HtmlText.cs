using AiFactories.Bot.Knowledge.Corpus;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using SmartReader;

namespace AiFactories.Bot.Import;

/// <summary>
/// The main text of a saved web page (SmartReader: the article, without menus, footers and
/// advertisements), as headings, paragraphs and list items; its title and publication date.
/// </summary>
internal static class HtmlText
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase) { "P", "LI", "BLOCKQUOTE", "PRE", "H1", "H2", "H3", "H4", "H5", "H6", "TD", "DT", "DD", "FIGCAPTION" };

    public static ExtractedDocument Read(string file, string? origin)
    {
        var html = File.ReadAllText(file);
        var uri = origin is not null && Uri.TryCreate(origin, UriKind.Absolute, out var given) ? given.ToString() : "https://localhost/" + Uri.EscapeDataString(Path.GetFileName(file));
        var article = new Reader(uri, html).GetArticle();
        if (!article.IsReadable || string.IsNullOrWhiteSpace(article.Content))
        {
            throw new ImportException($"{file}: no main text found on the page (nothing that reads as an article)");
        }

        var document = new HtmlParser().ParseDocument(article.Content);
        var paragraphs = new List<DocumentParagraph>();
        string? section = null;
        foreach (var element in document.Body?.Descendants<IElement>() ?? [])
        {
            if (!Blocks.Contains(element.TagName) || element.Ancestors<IElement>().Any(a => Blocks.Contains(a.TagName)))
            {
                continue;
            }

            var text = DocumentImporter.Clean(element.TextContent);
            if (text.Length == 0)
            {
                continue;
            }

            switch (element.TagName.ToUpperInvariant())
            {
                case "H1":
                    break;
                case "H2" or "H3" or "H4" or "H5" or "H6":
                    section = text;
                    break;
                case "LI":
                    if (paragraphs.Count > 0 && paragraphs[^1].Section == section && (paragraphs[^1].Text.EndsWith(':') || paragraphs[^1].Text.StartsWith("- ", StringComparison.Ordinal)))
                    {
                        paragraphs[^1] = paragraphs[^1] with { Text = paragraphs[^1].Text + "\n- " + text };
                    }
                    else
                    {
                        paragraphs.Add(new DocumentParagraph(section, "- " + text));
                    }

                    break;
                default:
                    paragraphs.Add(new DocumentParagraph(section, text));
                    break;
            }
        }

        if (paragraphs.Count == 0)
        {
            throw new ImportException($"{file}: no main text found on the page");
        }

        var title = string.IsNullOrWhiteSpace(article.Title) ? null : DocumentImporter.Clean(article.Title);
        var date = article.PublicationDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return new ExtractedDocument(title, date, "web page", paragraphs);
    }
}
