using System.Text;
using AiFactories.Bot.Discord.Messages;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Knowledge;
using AiFactories.Bot.Knowledge.Answers;
using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Search;

namespace AiFactories.Bot.Rendering;

/// <summary>
/// Answers, site cards and passages as Discord embeds, in the reader's language (<c>say</c> gives the
/// bot's own words). Discord's limits are enforced later, in one place.
/// </summary>
public static class DiscordRenderer
{
    public const int AnsweredColor = 0x2B6CB0;
    public const int NotAnsweredColor = 0x718096;
    public const string PostButtonId = "post";

    /// <summary>Sites shown as cards in an answer at most; the others are named in the text.</summary>
    public const int MaxCards = 7;

    public static Embed Answer(Answer answer)
    {
        var description = new StringBuilder(AnswerLayout.Statements(answer));
        if (answer.Evidence is { } top)
        {
            description.Append("\n\n**").Append(AnswerLayout.EvidenceHeading(answer)).Append("**\n");
            foreach (var line in top.HighlightedText.Split('\n'))
            {
                description.Append("> ").Append(line).Append('\n');
            }

            description.Append("— *").Append(top.Passage.Source.Cite()).Append('*');
        }

        var cards = answer.Cards.Take(MaxCards).Select(SiteField).ToList();
        var sources = AnswerLayout.Citations(answer, maxSources: 3) is { Count: > 0 } citations
            ? new EmbedField { Name = answer.Say("sources"), Value = DiscordLimits.Truncate(string.Join("\n", citations), DiscordLimits.FieldValue) }
            : null;
        var footer = AnswerLayout.Footer(answer);

        // Discord counts every text of an embed against one total: the sources always fit, then the
        // answer, then as many cards as are left room for (the answer already names every site).
        static int Size(EmbedField field) => field.Name.Length + field.Value.Length;
        var room = DiscordLimits.EmbedTotal - Math.Min(answer.Question.Length, DiscordLimits.EmbedTitle) - footer.Length - (sources is null ? 0 : Size(sources));
        var text = DiscordLimits.Truncate(description.ToString(), Math.Min(DiscordLimits.EmbedDescription, room));
        room -= text.Length;
        var fields = new List<EmbedField>();
        foreach (var card in cards.TakeWhile(card => (room -= Size(card)) >= 0))
        {
            fields.Add(card);
        }

        if (sources is not null)
        {
            fields.Add(sources);
        }

        return new Embed
        {
            Title = UserText.Escape(answer.Question),
            Description = text,
            Color = answer.Answered ? AnsweredColor : NotAnsweredColor,
            Fields = fields.Count == 0 ? null : fields,
            Footer = new EmbedFooter { Text = footer },
        };
    }

    /// <summary>A site in an answer: its title, and its fields without the place the title already gives.</summary>
    public static EmbedField SiteField(SiteCard card) => RenderedCards.GetValue(card, static card => new EmbedField
    {
        Name = card.Title,
        Value = string.Join("\n", card.Without(SiteFields.City, SiteFields.Country, SiteFields.Name).Select(field => $"**{field.Label}:** {field.Value}")),
    });

    // Cards are made once per site and language (and dropped with them): so is each one's field.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SiteCard, EmbedField> RenderedCards = [];

    /// <summary>A site's full card: notes as the description, each field inline when short, its other names and sources.</summary>
    public static Embed SiteCard(SiteCard card, Func<string, string> say)
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
            Footer = new EmbedFooter { Text = say("footer") },
        };
    }

    public static Embed Passages(string query, IReadOnlyList<PassageHit> hits, int page, int pages, Func<string, string> say)
    {
        var description = new StringBuilder();
        foreach (var hit in hits)
        {
            description.Append("> ").Append(hit.HighlightedSentence.ReplaceLineEndings(" ")).Append('\n')
                .Append("— *").Append(hit.Passage.Source.Cite()).Append("*\n\n");
        }

        var footer = pages > 1
            ? $"{say("page").Replace("{page}", (page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("{pages}", pages.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)} · {say("footer")}"
            : say("footer");
        return new Embed
        {
            Title = say("search_title").Replace("{query}", UserText.Escape(query), StringComparison.Ordinal),
            Description = hits.Count == 0 ? say("no_passage") : description.ToString().TrimEnd(),
            Color = hits.Count == 0 ? NotAnsweredColor : AnsweredColor,
            Footer = new EmbedFooter { Text = footer },
        };
    }

    /// <summary>A list of sites, a line each: name, host, and the system or the linked factories.</summary>
    public static Embed SiteList(string title, IReadOnlyList<SiteRecord> sites, Func<SiteRecord, string> label, Func<SiteRecord, string, string> value, Func<string, string> say) => new()
    {
        Title = title,
        Description = sites.Count == 0 ? say("try_sites") : string.Join("\n", sites.Select(s =>
            $"**{label(s)}**: {value(s, SiteFields.Host)}; {value(s, s.IsFactory ? SiteFields.System : SiteFields.LinkedFactories)}")),
        Color = AnsweredColor,
        Footer = new EmbedFooter { Text = say("footer") },
    };

    public static Embed Sources(IReadOnlyList<SourceSummary> sources, Func<string, string> say) => new()
    {
        Title = say("sources_title"),
        Color = AnsweredColor,
        Fields = sources.Select(s => new EmbedField { Name = s.Title, Value = s.Description }).ToList(),
        Footer = new EmbedFooter { Text = say("footer") },
    };

    /// <summary>The button that posts a private answer publicly.</summary>
    public static Component PostRow(Func<string, string> say) => Component.Row(PostButton(say));

    public static Component PostButton(Func<string, string> say) => Component.Button(say("post_to_channel"), PostButtonId, ButtonStyle.Primary);

    /// <summary>The prefix of the vote buttons' custom_id: "vote:up:TOKEN" and "vote:down:TOKEN".</summary>
    public const string VoteButtonId = "vote";

    /// <summary>👍 and 👎 under an answer, each carrying the answer's signed token.</summary>
    public static IEnumerable<Component> VoteButtons(Func<string, string> say, string token) =>
    [
        Component.Button(say("helpful"), $"{VoteButtonId}:up:{token}", ButtonStyle.Secondary, emoji: "👍"),
        Component.Button(say("not_helpful"), $"{VoteButtonId}:down:{token}", ButtonStyle.Secondary, emoji: "👎"),
    ];
}
