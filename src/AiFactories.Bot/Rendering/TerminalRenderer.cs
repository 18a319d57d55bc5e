using System.Text;
using AiFactories.Bot.Knowledge.Answers;
using AiFactories.Bot.Knowledge.Corpus;

namespace AiFactories.Bot.Rendering;

/// <summary>The answer as it reads in Discord, as Markdown text for a terminal: answer, highlighted evidence and its source, citations, site cards.</summary>
public static class TerminalRenderer
{
    public static string Render(Answer answer)
    {
        var text = new StringBuilder();
        text.AppendLine(AnswerLayout.Statements(answer));
        if (!answer.Answered)
        {
            return text.ToString();
        }

        if (answer.Evidence is { } top)
        {
            text.AppendLine();
            text.Append("**").Append(AnswerLayout.EvidenceHeading(answer)).AppendLine("**");
            foreach (var line in top.HighlightedText.Split('\n'))
            {
                text.Append("> ").AppendLine(line);
            }

            text.Append("— ").AppendLine(top.Passage.Source.Cite());
        }

        if (AnswerLayout.Citations(answer) is { Count: > 0 } citations)
        {
            text.AppendLine();
            text.Append("**").Append(answer.Say("sources")).AppendLine("**");
            foreach (var citation in citations)
            {
                text.AppendLine(citation);
            }
        }

        foreach (var card in answer.Cards)
        {
            text.AppendLine();
            text.Append(Card(card));
        }

        return text.ToString();
    }

    /// <summary>A card as a title and bullets; list fields of a full card (notes, sources) a bullet or a line each.</summary>
    public static string Card(SiteCard card)
    {
        var text = new StringBuilder();
        text.Append("**").Append(card.Title).AppendLine("**");
        foreach (var field in card.Fields)
        {
            switch (field.Key)
            {
                case SiteFields.Notes:
                    foreach (var note in field.Items)
                    {
                        text.Append("• ").Append(field.Label).Append(": ").AppendLine(note);
                    }

                    break;
                case SiteFields.Sources:
                    text.Append("• ").Append(field.Label).Append(": ").AppendLine(string.Join("; ", field.Items));
                    break;
                default:
                    text.Append("• ").Append(field.Label).Append(": ").AppendLine(field.Value);
                    break;
            }
        }

        return text.ToString();
    }
}
