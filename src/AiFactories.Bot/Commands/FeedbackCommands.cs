using System.Globalization;
using System.Net;
using AiFactories.Bot.Answering;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Messages;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Discord.Rest;
using AiFactories.Bot.Feedback;
using Microsoft.Extensions.Logging;

namespace AiFactories.Bot.Commands;

/// <summary>
/// Completes a deferred private reply off the request: builds the message (which may take a
/// while: a store query, a chart) and edits the "thinking…" reply with it, retrying while Discord
/// may not yet know the deferred reply.
/// </summary>
public sealed partial class DeferredReplies(IServiceProvider services, ILogger<DeferredReplies> logger)
{
    private static readonly TimeSpan[] EditRetries = [TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    /// <summary>The last reply started, for tests and for a graceful stop.</summary>
    public Task Running { get; private set; } = Task.CompletedTask;

    /// <summary>Answers now with a private "thinking…" and edits it with what <paramref name="build"/> makes.</summary>
    public InteractionResponse Defer(InteractionContext context, string what, Func<CancellationToken, Task<EditMessage>> build, Func<Exception, EditMessage> failed)
    {
        var interaction = context.Interaction;
        if (interaction.ApplicationId is { Length: > 0 } applicationId && interaction.Token is { Length: > 0 } token)
        {
            Running = Task.Run(() => RunAsync(applicationId, token, what, build, failed));
        }

        return new InteractionResponse { Type = CallbackType.DeferredChannelMessageWithSource, Data = new InteractionCallbackData { Flags = MessageFlags.Ephemeral } };
    }

    private async Task RunAsync(string applicationId, string token, string what, Func<CancellationToken, Task<EditMessage>> build, Func<Exception, EditMessage> failed)
    {
        EditMessage message;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            message = await build(timeout.Token);
        }
        catch (Exception e)
        {
            LogBuildFailed(logger, what, e.GetType().Name, e.Message);
            message = failed(e);
        }

        if (services.GetService(typeof(IDiscordRest)) is not IDiscordRest rest)
        {
            return;
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await rest.EditOriginalResponseAsync(applicationId, token, message, timeout.Token);
                return;
            }
            catch (DiscordRestException e) when (e.Status == HttpStatusCode.NotFound && attempt < EditRetries.Length)
            {
                await Task.Delay(EditRetries[attempt], timeout.Token);
            }
            catch (Exception e) when (e is DiscordRestException or HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                LogEditFailed(logger, what, e.Message);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not make the {What} reply: {Error}: {Problem}")]
    private static partial void LogBuildFailed(ILogger logger, string what, string error, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not edit the {What} reply: {Problem}")]
    private static partial void LogEditFailed(ILogger logger, string what, string problem);
}

/// <summary>The days option of /gaps and /stats, and the admin check they share with /reload.</summary>
internal static class FeedbackCommand
{
    public const int DefaultDays = 7;

    public static OptionDeclaration DaysOption(BotTexts texts, int maxDays) => new(
        "days", texts.Say(null, "cmd_days"), OptionType.Integer, MinValue: 1, MaxValue: maxDays,
        DescriptionLocalizations: texts.Localizations("cmd_days"), NameLocalizations: texts.Localizations("optname_days"));

    public static InteractionResponse? Refusal(InteractionContext context, BotTexts texts, IFeedbackSink feedback, IFeedbackStore store)
    {
        if (AdminGate.Refusal(context, texts) is { } refusal)
        {
            context.Outcome = "not_allowed";
            return refusal;
        }

        if (!feedback.Enabled)
        {
            context.Outcome = "store_off";
            return InteractionResponse.Ephemeral(texts.Say(context.Interaction.Locale, "feedback_off"));
        }

        return null;
    }

    public static EditMessage Failed(BotTexts texts, string? locale) =>
        new() { Content = texts.Say(locale, "feedback_unavailable"), AllowedMentions = AllowedMentions.None };
}

/// <summary>/gaps [days]: the most frequent unanswered questions and the most disliked answers, privately, for admins.</summary>
public sealed class GapsCommand(BotTexts texts, IFeedbackSink feedback, DeferredReplies replies, Microsoft.Extensions.Options.IOptions<StoreOptions> options, KnowledgeProvider knowledge, IFeedbackStore store, FeedbackReports reports) : IInteractionCommand
{
    public CommandDeclaration Declaration { get; } = new(
        "gaps",
        texts.Say(null, "cmd_gaps_description"),
        Options: [FeedbackCommand.DaysOption(texts, options.Value.RetentionDays)],
        DefaultMemberPermissions: AdminGate.DefaultPermissions,
        DescriptionLocalizations: texts.Localizations("cmd_gaps_description"),
        Contexts: CommandScopes.ServersOnly,
        IntegrationTypes: CommandScopes.ServerInstall,
        NameLocalizations: texts.Localizations("cmdname_gaps"));

    public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        if (FeedbackCommand.Refusal(context, texts, feedback, store) is { } refusal)
        {
            return ValueTask.FromResult(refusal);
        }

        var locale = context.Interaction.Locale;
        var days = context.GetInteger("days") ?? FeedbackCommand.DefaultDays;
        return ValueTask.FromResult(replies.Defer(
            context,
            "/gaps",
            async ct => new EditMessage
            {
                Embeds = [FeedbackViews.Gaps(await reports.GapsAsync(days, ct), texts.For(knowledge.Current.LanguageOf(locale)))],
                AllowedMentions = AllowedMentions.None,
            },
            _ => FeedbackCommand.Failed(texts, locale)));
    }
}

/// <summary>/stats [days]: questions per day, share answered, languages, sites and 👍 share, with a chart, privately, for admins.</summary>
public sealed class StatsCommand(BotTexts texts, IFeedbackSink feedback, DeferredReplies replies, Microsoft.Extensions.Options.IOptions<StoreOptions> options, KnowledgeProvider knowledge, IFeedbackStore store, FeedbackReports reports) : IInteractionCommand
{
    public CommandDeclaration Declaration { get; } = new(
        "stats",
        texts.Say(null, "cmd_stats_description"),
        Options: [FeedbackCommand.DaysOption(texts, options.Value.RetentionDays)],
        DefaultMemberPermissions: AdminGate.DefaultPermissions,
        DescriptionLocalizations: texts.Localizations("cmd_stats_description"),
        Contexts: CommandScopes.ServersOnly,
        IntegrationTypes: CommandScopes.ServerInstall,
        NameLocalizations: texts.Localizations("cmdname_stats"));

    public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        if (FeedbackCommand.Refusal(context, texts, feedback, store) is { } refusal)
        {
            return ValueTask.FromResult(refusal);
        }

        var locale = context.Interaction.Locale;
        var days = context.GetInteger("days") ?? FeedbackCommand.DefaultDays;
        return ValueTask.FromResult(replies.Defer(
            context,
            "/stats",
            async ct =>
            {
                var report = await reports.StatsAsync(days, ct);
                var current = knowledge.Current;
                var say = texts.For(current.LanguageOf(locale));
                return FeedbackViews.StatsMessage(report, say, id => current.FindSite(id) is { } site ? current.Label(site, locale) : id);
            },
            _ => FeedbackCommand.Failed(texts, locale)));
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
        var texts = new ChartTexts(say("stats_chart_title"), say("chart_answered"), say("chart_not_answered"), say("stats_questions"), say("chart_helpful_share"));
        var png = StatsChart.Render(report.Rows.Days, texts);
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
                new EmbedField { Name = say("stats_languages"), Value = List(report.Rows.Languages.Select(l => $"{l.Language} {l.Count}")) },
                new EmbedField { Name = say("stats_sites"), Value = List(report.Rows.Sites.Select(s => $"{UserText.Escape(siteLabel(s.Site))} {s.Count}")) },
            ],
            Footer = new EmbedFooter { Text = say("votes_anonymous") },
        };
    }

    private static string List(IEnumerable<string> items) => string.Join(" · ", items) is { Length: > 0 } text ? text : "–";

    private static string Cut(string text, int max) => DiscordLimits.Truncate(text.ReplaceLineEndings(" "), max);
}
