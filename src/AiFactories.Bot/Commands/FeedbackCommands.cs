using System.Globalization;
using AiFactories.Bot.Answering;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Messages;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Feedback;
using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Commands;

/// <summary>
/// An admin's private view of the feedback store over the last N days (/gaps, /stats): checked on the
/// server like /reload, refused while the store is off, and deferred, since the store and the
/// chart may take longer than Discord's deadline.
/// </summary>
public abstract class FeedbackReportCommand(string name, BotTexts texts, IFeedbackSink feedback, DeferredReplies replies, IOptions<StoreOptions> options) : IInteractionCommand
{
    public const int DefaultDays = 7;

    /// <summary>The bot's words, for the reply.</summary>
    protected BotTexts Texts { get; } = texts;

    public CommandDeclaration Declaration { get; } = texts.Command(
        name,
        admin: true,
        texts.Option("days", "cmd_days", OptionType.Integer) with { MinValue = 1, MaxValue = options.Value.RetentionDays });

    public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var locale = context.Interaction.Locale;
        if (AdminGate.Refusal(context, Texts) is { } refusal)
        {
            context.Outcome = "not_allowed";
            return ValueTask.FromResult(refusal);
        }

        if (!feedback.Enabled)
        {
            context.Outcome = "store_off";
            return ValueTask.FromResult(InteractionResponse.Ephemeral(Texts.Say(locale, "feedback_off")));
        }

        var days = context.GetInteger("days") ?? DefaultDays;
        return replies.DeferAsync(
            context,
            "/" + name,
            ct => BuildAsync(days, locale, ct),
            _ => new EditMessage { Content = Texts.Say(locale, "feedback_unavailable"), AllowedMentions = AllowedMentions.None });
    }

    /// <summary>The reply: the report over <paramref name="days"/> days in the language of <paramref name="locale"/>.</summary>
    protected abstract Task<EditMessage> BuildAsync(int days, string? locale, CancellationToken cancellationToken);
}

/// <summary>/gaps [days]: the most frequent unanswered questions and the most disliked answers.</summary>
public sealed class GapsCommand(BotTexts texts, IFeedbackSink feedback, DeferredReplies replies, IOptions<StoreOptions> options, FeedbackReports reports)
    : FeedbackReportCommand("gaps", texts, feedback, replies, options)
{
    protected override async Task<EditMessage> BuildAsync(int days, string? locale, CancellationToken cancellationToken) => new()
    {
        Embeds = [FeedbackViews.Gaps(await reports.GapsAsync(days, cancellationToken), Texts.For(locale))],
        AllowedMentions = AllowedMentions.None,
    };
}

/// <summary>/stats [days]: questions per day, share answered, languages, sites and 👍 share, with a chart.</summary>
public sealed class StatsCommand(BotTexts texts, IFeedbackSink feedback, DeferredReplies replies, IOptions<StoreOptions> options, FeedbackReports reports, KnowledgeProvider knowledge)
    : FeedbackReportCommand("stats", texts, feedback, replies, options)
{
    protected override async Task<EditMessage> BuildAsync(int days, string? locale, CancellationToken cancellationToken)
    {
        var report = await reports.StatsAsync(days, cancellationToken);
        var current = knowledge.Current;
        return FeedbackViews.StatsMessage(report, Texts.For(locale), id => current.Sites.FirstOrDefault(site => site.Id == id) is { } site ? current.Label(site, locale) : id);
    }
}

/// <summary>The admin views as Discord embeds; user text escaped, numbers in the reader's culture-neutral form.</summary>
public static class FeedbackViews
{
    public const string ChartFile = "stats.png";

    public static Embed Gaps(GapsReport report, Func<string, string> say)
    {
        var days = report.Days.ToString(CultureInfo.InvariantCulture);
        var lines = report.Groups.Select((group, i) =>
            $"{i + 1}. **{UserText.Escape(Cut(group.Example, 150))}** · {group.Count}× · {string.Join(", ", group.Languages)}"
            + (group.Wordings.Count == 0 ? string.Empty : $"\n   ↳ {string.Join(" / ", group.Wordings.Select(w => UserText.Escape(Cut(w, 80))))}"));
        var disliked = report.Disliked.Select(row =>
            $"👎 {row.Down} 👍 {row.Up} · {UserText.Escape(Cut(row.Question ?? row.AnswerId, 120))} ({row.Kind}, {row.Language})"
            + string.Concat(row.Notes.Take(3).Select(note => $"\n   “{UserText.Escape(Cut(note, 200))}”")));
        return new Embed
        {
            Title = say("gaps_title").Replace("{days}", days, StringComparison.Ordinal),
            Description = report.Groups.Count == 0
                ? say("gaps_none").Replace("{days}", days, StringComparison.Ordinal)
                : string.Join("\n", lines),
            Fields = [new EmbedField { Name = say("gaps_disliked"), Value = report.Disliked.Count == 0 ? say("gaps_disliked_none") : string.Join("\n", disliked) }],
            Footer = new EmbedFooter { Text = say("votes_anonymous") },
        };
    }

    public static EditMessage StatsMessage(StatsReport report, Func<string, string> say, Func<string, string> siteLabel)
    {
        var png = StatsChart.Render(report.Rows.Days, ChartTexts.From(say));
        return new EditMessage
        {
            Embeds = [Stats(report, say, siteLabel) with { Image = new EmbedImage { Url = $"attachment://{ChartFile}" } }],
            AllowedMentions = AllowedMentions.None,
            Attachments = [new FileAttachment(ChartFile, "image/png", png, say("stats_chart_title"))],
        };
    }

    public static Embed Stats(StatsReport report, Func<string, string> say, Func<string, string> siteLabel)
    {
        static string Percent(double? share) => share is { } value ? value.ToString("P0", CultureInfo.InvariantCulture) : "–";
        var days = report.Days.ToString(CultureInfo.InvariantCulture);
        var perDay = report.Rows.Days.Count == 0 ? 0 : (double)report.Questions / report.Rows.Days.Count;
        return new Embed
        {
            Title = say("stats_title").Replace("{days}", days, StringComparison.Ordinal),
            Fields =
            [
                new EmbedField { Name = say("stats_questions"), Value = $"{report.Questions} ({perDay.ToString("0.#", CultureInfo.InvariantCulture)}/d)", Inline = true },
                new EmbedField { Name = say("stats_answered"), Value = Percent(report.AnsweredShare), Inline = true },
                new EmbedField { Name = say("stats_helpful"), Value = report.HelpfulShare is null ? say("stats_no_votes") : $"{Percent(report.HelpfulShare)} (👍 {report.Up} · 👎 {report.Down})", Inline = true },
                new EmbedField { Name = say("stats_languages"), Value = List(report.Rows.Languages.Select(l => $"{l.Name} {l.Count}")) },
                new EmbedField { Name = say("stats_sites"), Value = List(report.Rows.Sites.Select(s => $"{UserText.Escape(siteLabel(s.Name))} {s.Count}")) },
            ],
            Footer = new EmbedFooter { Text = say("votes_anonymous") },
        };
    }

    private static string List(IEnumerable<string> items) => string.Join(" · ", items) is { Length: > 0 } text ? text : "–";

    private static string Cut(string text, int max) => DiscordLimits.Truncate(text.ReplaceLineEndings(" "), max);
}
