using System.Text;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Knowledge;
using AiFactories.Bot.Knowledge.Answers;
using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Search;

namespace AiFactories.Bot.Rendering;

/// <summary>Answers, site cards and passages as Discord embeds. Discord's limits are enforced later, in one place.</summary>
public static class DiscordRenderer
{
    public const int AnsweredColor = 0x2B6CB0;
    public const int NotAnsweredColor = 0x718096;
    public const string Footer = "AiFactories.Bot · answers from its sources only";
    public const string PostButtonId = "post";

    public static EmbedFooter FooterLine(string? prefix = null) => new() { Text = prefix is null ? Footer : $"{prefix} · {Footer}" };

    public static Embed Answer(Answer answer)
    {
        var description = new StringBuilder(answer.Text);
        if (answer.Evidence is { } top)
        {
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
            Fields = answer.Cards.Count == 0 ? null : answer.Cards.Select(SiteField).ToList(),
            Footer = FooterLine(),
        };
    }

    /// <summary>A site in an answer: its title, and its fields without the place the title already gives.</summary>
    public static EmbedField SiteField(SiteCard card) => new()
    {
        Name = card.Title,
        Value = string.Join("\n", card.Without(SiteFields.City, SiteFields.Country).Select(field => $"**{field.Label}:** {field.Value}")),
    };

    /// <summary>A site's full card: notes as the description, each field inline when short, its other names and sources.</summary>
    public static Embed SiteCard(SiteCard card)
    {
        var notes = card.Fields.FirstOrDefault(f => f.Key == SiteFields.Notes);
        var fields = new List<EmbedField>();
        foreach (var field in card.Without(SiteFields.Notes))
        {
            fields.Add(field.Key switch
            {
                SiteFields.Sources => new EmbedField { Name = field.Label, Value = string.Join("\n", field.Items.Select(s => "• " + s)) },
                SiteFields.Aliases => new EmbedField { Name = field.Label, Value = string.Join(", ", field.Items) },
                _ => new EmbedField { Name = field.Label, Value = field.Value, Inline = field.Value.Length <= 40 },
            });
        }

        return new Embed
        {
            Title = card.Title,
            Description = notes is null ? null : string.Join("\n", notes.Items.Select(n => "• " + n)),
            Color = AnsweredColor,
            Fields = fields,
            Footer = FooterLine(),
        };
    }

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
            Footer = pages > 1 ? FooterLine($"Page {page + 1} of {pages}") : FooterLine(),
        };
    }

    /// <summary>A list of sites, a line each: name, host, system.</summary>
    public static Embed SiteList(string title, IReadOnlyList<SiteRecord> sites, Func<SiteRecord, string> label) => new()
    {
        Title = title,
        Description = sites.Count == 0 ? "Try /sites without a country." : string.Join("\n", sites.Select(s => $"**{label(s)}**: {s.Host}; {s.System}")),
        Color = AnsweredColor,
        Footer = FooterLine(),
    };

    public static Embed Sources(IReadOnlyList<SourceSummary> sources) => new()
    {
        Title = "Sources",
        Color = AnsweredColor,
        Fields = sources.Select(s => new EmbedField { Name = s.Title, Value = s.Description }).ToList(),
        Footer = FooterLine(),
    };

    /// <summary>The button that posts a private answer publicly.</summary>
    public static Component PostRow() => Component.Row(Component.Button("Post to channel", PostButtonId, ButtonStyle.Primary));
}
