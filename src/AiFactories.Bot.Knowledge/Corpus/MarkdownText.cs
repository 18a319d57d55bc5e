using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace AiFactories.Bot.Knowledge.Corpus;

/// <summary>
/// A Markdown body as the paragraphs a reader sees (Markdig): emphasis, links and inline code become
/// their text, so evidence never shows stray "**" and highlights are the bot's own; a list is a
/// paragraph of "- " lines, joined to the paragraph that introduces it (one ending with ":").
/// </summary>
public static class MarkdownText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().Build();

    public static List<DocumentParagraph> Paragraphs(string markdown)
    {
        var paragraphs = new List<DocumentParagraph>();
        string? section = null;
        foreach (var block in Markdown.Parse(markdown, Pipeline))
        {
            switch (block)
            {
                case HeadingBlock heading:
                    if (heading.Level > 1)
                    {
                        section = Inline(heading.Inline);
                    }

                    break;
                case ListBlock list:
                    var items = string.Join('\n', list.OfType<ListItemBlock>().Select(item => "- " + Text(item)).Where(line => line.Length > 2));
                    if (paragraphs.Count > 0 && paragraphs[^1].Section == section && paragraphs[^1].Text.EndsWith(':'))
                    {
                        paragraphs[^1] = paragraphs[^1] with { Text = paragraphs[^1].Text + "\n" + items };
                    }
                    else if (items.Length > 0)
                    {
                        paragraphs.Add(new DocumentParagraph(section, items));
                    }

                    break;
                default:
                    if (Text(block) is { Length: > 0 } text)
                    {
                        paragraphs.Add(new DocumentParagraph(section, text));
                    }

                    break;
            }
        }

        return paragraphs;
    }

    /// <summary>The text of a block: its inlines, or its lines (code), or its children's texts.</summary>
    private static string Text(Block block) => block switch
    {
        LeafBlock { Inline: { } inline } => Inline(inline),
        LeafBlock leaf => leaf.Lines.ToString().Trim(),
        ContainerBlock container => string.Join(' ', container.Select(Text).Where(t => t.Length > 0)),
        _ => string.Empty,
    };

    private static string Inline(ContainerInline? container)
    {
        if (container is null)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        Append(container, text);
        return string.Join(' ', text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static void Append(Inline inline, StringBuilder text)
    {
        switch (inline)
        {
            case LiteralInline literal:
                text.Append(literal.Content.ToString());
                break;
            case CodeInline code:
                text.Append(code.Content);
                break;
            case LineBreakInline:
                text.Append(' ');
                break;
            case HtmlInline or HtmlEntityInline:
                if (inline is HtmlEntityInline entity)
                {
                    text.Append(entity.Transcoded.ToString());
                }

                break;
            case ContainerInline children:
                foreach (var child in children)
                {
                    Append(child, text);
                }

                break;
        }
    }
}
