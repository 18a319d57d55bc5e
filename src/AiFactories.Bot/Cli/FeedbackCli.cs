using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AiFactories.Bot.Feedback;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiFactories.Bot.Cli;

/// <summary>`gaps`, `stats` and `feedback export`: the feedback store as the admin commands show it, on the command line.</summary>
internal static class FeedbackCli
{
    private const int DefaultDays = 7;

    public static Command Gaps(CliRuntime runtime)
    {
        var days = DaysOption();
        var json = new Option<bool>("--json") { Description = "Write one JSON object instead of text" };
        var command = new Command("gaps", "The most frequent unanswered questions (rewordings grouped) and the answers with the most 👎, from the feedback store") { days, json };
        command.SetAction((parsed, _) => runtime.RunAsync(discord: false, context => WithStoreAsync(context, parsed.GetValue(days), async (store, period, ct) =>
        {
            var report = await new FeedbackReports(store, context.Answerer).GapsAsync(period, ct);
            await context.Output.WriteAsync(parsed.GetValue(json) ? Json(writer => WriteGaps(writer, report)) : GapsText(report));
            return CommandLine.Ok;
        })));
        return command;
    }

    public static Command Stats(CliRuntime runtime)
    {
        var days = DaysOption();
        var json = new Option<bool>("--json") { Description = "Write one JSON object instead of text" };
        var png = new Option<FileInfo?>("--png") { Description = "Also write the chart of questions per day to this PNG file" };
        var command = new Command("stats", "Questions per day, share answered, languages, most asked sites and share of 👍, from the feedback store") { days, json, png };
        command.SetAction((parsed, _) => runtime.RunAsync(discord: false, context => WithStoreAsync(context, parsed.GetValue(days), async (store, period, ct) =>
        {
            var report = await new FeedbackReports(store, context.Answerer).StatsAsync(period, ct);
            if (parsed.GetValue(png) is { } file)
            {
                var say = context.Knowledge.Current;
                var texts = new ChartTexts(say.Text(null, "stats_chart_title"), say.Text(null, "chart_answered"), say.Text(null, "chart_not_answered"), say.Text(null, "stats_questions"), say.Text(null, "chart_helpful_share"));
                await File.WriteAllBytesAsync(file.FullName, StatsChart.Render(report.Rows.Days, texts), ct);
            }

            await context.Output.WriteAsync(parsed.GetValue(json) ? Json(writer => WriteStats(writer, report)) : StatsText(report));
            return CommandLine.Ok;
        })));
        return command;
    }

    public static Command Feedback(CliRuntime runtime)
    {
        var days = DaysOption(defaultDays: null);
        var json = new Option<bool>("--json") { Description = "JSON (the only format): {\"answers\": [...], \"votes\": [...]}" };
        var export = new Command("export", "Every stored question and vote (all kept, or of the last --days days) as JSON") { days, json };
        export.SetAction((parsed, _) => runtime.RunAsync(discord: false, context => WithStoreAsync(context, parsed.GetValue(days) ?? 36500, async (store, period, ct) =>
        {
            var since = DateTimeOffset.UtcNow.AddDays(-period);
            var (answers, votes) = await store.ExportAsync(since, ct);
            await context.Output.WriteAsync(Json(writer => WriteExport(writer, answers, votes)));
            return CommandLine.Ok;
        })));
        return new Command("feedback", "The feedback store") { export };
    }

    private static Option<int?> DaysOption(int? defaultDays = DefaultDays) => new("--days")
    {
        Description = defaultDays is null ? "Only the last N days" : $"How many days back, counting today (default {defaultDays})",
        DefaultValueFactory = _ => defaultDays,
    };

    private static async Task<int> WithStoreAsync(CliContext context, int? days, Func<IFeedbackStore, int, CancellationToken, Task<int>> run)
    {
        if (days is < 1 or > 36500)
        {
            throw CommandLine.Usage($"--days must be from 1 to 36500, not {days}", "gaps");
        }

        var options = new StoreOptions();
        context.Services.GetRequiredService<IConfiguration>().GetSection(StoreOptions.Section).Bind(options);
        options.BaseDirectory ??= context.Services.GetService<IHostEnvironment>()?.ContentRootPath;
        if (!options.Enabled)
        {
            await context.Error.WriteLineAsync("error: the feedback store is turned off (Store:Enabled is false), so there is nothing to show");
            return CommandLine.Failed;
        }

        IFeedbackStore store;
        try
        {
            store = await FeedbackStores.OpenAsync(options, CancellationToken.None);
        }
        catch (FeedbackStoreException e)
        {
            await context.Error.WriteLineAsync($"error: {e.Message}");
            return CommandLine.Failed;
        }

        await using (store)
        {
            return await run(store, days ?? DefaultDays, CancellationToken.None);
        }
    }

    private static string GapsText(GapsReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Unanswered questions, last {report.Days} days: {report.Unanswered}");
        foreach (var (group, i) in report.Groups.Select((g, i) => (g, i)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{i + 1,3}. {group.Count,4}×  {CliRuntime.OneLine(group.Example)}  [{string.Join(", ", group.Languages)}]");
            foreach (var wording in group.Wordings)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"           also: {CliRuntime.OneLine(wording)}");
            }
        }

        text.AppendLine("Answers with the most 👎:");
        if (report.Disliked.Count == 0)
        {
            text.AppendLine("  none");
        }

        foreach (var row in report.Disliked)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  👎 {row.Down} 👍 {row.Up}  {CliRuntime.OneLine(row.Question ?? row.AnswerId)}  ({row.Kind}, {row.Language})");
            foreach (var note in row.Notes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"      “{CliRuntime.OneLine(note)}”");
            }
        }

        return text.ToString();
    }

    private static string StatsText(StatsReport report)
    {
        static string Percent(double? share) => share is { } value ? value.ToString("P0", CultureInfo.InvariantCulture) : "-";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Last {report.Days} days: {report.Questions} questions, {Percent(report.AnsweredShare)} answered, 👍 {report.Up} 👎 {report.Down} ({Percent(report.HelpfulShare)} helpful)");
        text.AppendLine("day         questions answered  👍  👎");
        foreach (var day in report.Rows.Days)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{day.Day:yyyy-MM-dd} {day.Questions,9} {day.Answered,8} {day.Up,3} {day.Down,3}");
        }

        text.AppendLine("languages:  " + (string.Join(", ", report.Rows.Languages.Select(l => $"{l.Language} {l.Count}")) is { Length: > 0 } languages ? languages : "-"));
        text.AppendLine("most asked: " + (string.Join(", ", report.Rows.Sites.Select(s => $"{s.Site} {s.Count}")) is { Length: > 0 } sites ? sites : "-"));
        return text.ToString();
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    private static void WriteGaps(Utf8JsonWriter writer, GapsReport report)
    {
        writer.WriteStartObject();
        writer.WriteNumber("days", report.Days);
        writer.WriteNumber("unanswered", report.Unanswered);
        writer.WriteStartArray("groups");
        foreach (var group in report.Groups)
        {
            writer.WriteStartObject();
            writer.WriteString("question", group.Example);
            writer.WriteNumber("count", group.Count);
            Strings(writer, "languages", group.Languages);
            Strings(writer, "other_wordings", group.Wordings);
            writer.WriteString("last", group.Last);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("disliked");
        foreach (var row in report.Disliked)
        {
            writer.WriteStartObject();
            writer.WriteString("answer_id", row.AnswerId);
            writer.WriteString("question", row.Question);
            writer.WriteString("kind", row.Kind);
            writer.WriteString("language", row.Language);
            writer.WriteNumber("down", row.Down);
            writer.WriteNumber("up", row.Up);
            Strings(writer, "notes", row.Notes);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteStats(Utf8JsonWriter writer, StatsReport report)
    {
        writer.WriteStartObject();
        writer.WriteNumber("days", report.Days);
        writer.WriteNumber("questions", report.Questions);
        writer.WriteNumber("answered", report.Answered);
        writer.WriteNumber("up", report.Up);
        writer.WriteNumber("down", report.Down);
        writer.WriteStartArray("per_day");
        foreach (var day in report.Rows.Days)
        {
            writer.WriteStartObject();
            writer.WriteString("day", day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteNumber("questions", day.Questions);
            writer.WriteNumber("answered", day.Answered);
            writer.WriteNumber("up", day.Up);
            writer.WriteNumber("down", day.Down);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject("languages");
        foreach (var (language, count) in report.Rows.Languages)
        {
            writer.WriteNumber(language, count);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("sites");
        foreach (var (site, count) in report.Rows.Sites)
        {
            writer.WriteNumber(site, count);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteExport(Utf8JsonWriter writer, IReadOnlyList<AnswerEvent> answers, IReadOnlyList<VoteEvent> votes)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("answers");
        foreach (var answer in answers)
        {
            writer.WriteStartObject();
            writer.WriteString("answer_id", answer.AnswerId);
            writer.WriteString("at", answer.At);
            writer.WriteString("question", answer.Question);
            writer.WriteString("language", answer.Language);
            writer.WriteString("kind", answer.Kind);
            writer.WriteBoolean("answered", answer.Answered);
            Strings(writer, "used", answer.Used);
            writer.WriteString("guild_id", answer.GuildId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("votes");
        foreach (var vote in votes)
        {
            writer.WriteStartObject();
            writer.WriteString("answer_id", vote.AnswerId);
            writer.WriteString("voter", vote.Voter);
            writer.WriteString("at", vote.At);
            writer.WriteBoolean("helpful", vote.Helpful);
            writer.WriteString("kind", vote.Kind);
            writer.WriteString("language", vote.Language);
            writer.WriteString("missing", vote.Missing);
            writer.WriteString("guild_id", vote.GuildId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter writer, string name, IEnumerable<string> items)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }
}
