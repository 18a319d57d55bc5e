using System.Text;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Knowledge.Answers;
using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Search;

namespace AiFactories.Bot.Commands;

/// <summary>Turns answers, sites and passages into Discord embeds. Limits are enforced later, in one place.</summary>
public static class AnswerMessages
{
    public const int AnsweredColor = 0x2B6CB0;
    public const int NotAnsweredColor = 0x718096;
    public const string Footer = "AiFactories.Bot · answers from its sources only";
    public const string PostButtonId = "post";

    public static Embed Answer(Answer answer, SiteFormatter formatter)
    {
        var description = new StringBuilder(answer.Text);
        if (answer.Answered && answer.Passages.Count > 0)
        {
            var top = answer.Passages[0];
            description.Append("\n\n**Evidence**\n");
            foreach (var line in top.HighlightedText.Split('\n'))
            {
                description.Append("> ").Append(line).Append('\n');
            }

            description.Append("— *").Append(top.Passage.Source.Cite()).Append('*');
        }

        return new Embed
        {
            Title = answer.Question,
            Description = description.ToString(),
            Color = answer.Answered ? AnsweredColor : NotAnsweredColor,
            Fields = answer.Sites.Count == 0 ? null : answer.Sites.Select(site => SiteField(site, formatter)).ToList(),
            Footer = new EmbedFooter { Text = Footer },
        };
    }

    public static EmbedField SiteField(SiteRecord site, SiteFormatter formatter) => new()
    {
        Name = formatter.Label(site),
        Value = string.Join("\n", formatter.Card(site).Where(line => line.Label is not "City" and not "Country").Select(line => $"**{line.Label}:** {line.Value}")),
    };

    public static Embed SiteCard(SiteRecord site, SiteFormatter formatter) => new()
    {
        Title = formatter.Label(site),
        Description = site.Notes.Count == 0 ? null : string.Join("\n", site.Notes.Select(n => "• " + n)),
        Color = AnsweredColor,
        Fields = formatter.Card(site)
            .Select(line => new EmbedField { Name = line.Label, Value = line.Value, Inline = line.Value.Length <= 40 })
            .Append(new EmbedField { Name = "Also known as", Value = string.Join(", ", site.Aliases) })
            .Append(new EmbedField { Name = "Sources", Value = string.Join("\n", site.Sources.Select(s => "• " + s)) })
            .ToList(),
        Footer = new EmbedFooter { Text = Footer },
    };

    public static Embed Passages(string query, IReadOnlyList<PassageHit> hits, int page, int pages)
    {
        var description = new StringBuilder();
        foreach (var hit in hits)
        {
            description.Append("> ").Append(hit.HighlightedSentence.ReplaceLineEndings(" ")).Append('\n')
                .Append("— *").Append(hit.Passage.Source.Cite()).Append("*\n\n");
        }

        return new Embed
        {
            Title = $"Search: {query}",
            Description = hits.Count == 0 ? "No passage matches." : description.ToString().TrimEnd(),
            Color = hits.Count == 0 ? NotAnsweredColor : AnsweredColor,
            Footer = new EmbedFooter { Text = pages > 1 ? $"Page {page + 1} of {pages} · {Footer}" : Footer },
        };
    }

    /// <summary>The button that posts a private answer publicly.</summary>
    public static Component PostRow() => Component.Row(Component.Button("Post to channel", PostButtonId, ButtonStyle.Primary));
}
