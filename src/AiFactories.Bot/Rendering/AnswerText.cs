using System.Text;
using AiFactories.Bot.Knowledge.Answers;
using AiFactories.Bot.Knowledge.Corpus;

namespace AiFactories.Bot.Rendering;

/// <summary>The answer as it reads in Discord (Markdown): answer, highlighted evidence and its source, site cards.</summary>
public static class AnswerText
{
    public static string Render(Answer answer, SiteFormatter formatter)
    {
        var text = new StringBuilder();
        text.AppendLine(answer.Text);
        if (!answer.Answered)
        {
            return text.ToString();
        }

        if (answer.Passages.Count > 0)
        {
            var top = answer.Passages[0];
            text.AppendLine();
            text.AppendLine("**Evidence**");
            foreach (var line in top.HighlightedText.Split('\n'))
            {
                text.Append("> ").AppendLine(line);
            }

            text.Append("— ").AppendLine(top.Passage.Source.Cite());
        }

        foreach (var site in answer.Sites)
        {
            text.AppendLine();
            text.Append(Card(site, formatter));
        }

        return text.ToString();
    }

    public static string Card(SiteRecord site, SiteFormatter formatter, bool full = false)
    {
        var text = new StringBuilder();
        text.Append("**").Append(formatter.Label(site)).AppendLine("**");
        foreach (var (label, value) in formatter.Card(site))
        {
            text.Append("• ").Append(label).Append(": ").AppendLine(value);
        }

        if (full)
        {
            text.Append("• Also known as: ").AppendLine(string.Join(", ", site.Aliases));
            foreach (var note in site.Notes)
            {
                text.Append("• Note: ").AppendLine(note);
            }

            text.Append("• Sources: ").AppendLine(string.Join("; ", site.Sources));
        }

        return text.ToString();
    }
}
