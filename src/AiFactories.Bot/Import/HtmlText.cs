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

    /// <summary>
    /// The page's own headline: its first heading when the title starts with it, otherwise the title
    /// without the site's name after a separator ("Nordlys AI hub opens | Example News").
    /// </summary>
    private static string? Title(string html, string? pageTitle)
    {
        var title = string.IsNullOrWhiteSpace(pageTitle) ? null : DocumentImporter.Clean(pageTitle);
        var heading = new HtmlParser().ParseDocument(html).QuerySelector("h1")?.TextContent is { } h1 ? DocumentImporter.Clean(h1) : null;
        if (heading is { Length: > 0 } && (title is null || title.StartsWith(heading, StringComparison.OrdinalIgnoreCase)))
        {
            return heading;
        }

        if (title is not null && title.LastIndexOfAny(['|', '–', '—']) is var cut and > 10)
        {
            return title[..cut].TrimEnd(' ', '-');
        }

        return title;
    }

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

        var title = Title(html, article.Title);
        var date = article.PublicationDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return new ExtractedDocument(title, date, "web page", paragraphs);
    }
}
