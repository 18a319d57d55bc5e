using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AiFactories.Bot.Feedback;
using AiFactories.Bot.Rendering;
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
            await context.Output.WriteAsync(parsed.GetValue(json) ? Json(report, CliJsonContext.Readable.GapsReport) : GapsText(report));
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
                var knowledge = context.Knowledge.Current;
                await File.WriteAllBytesAsync(file.FullName, StatsChart.Render(report.Rows.Days, ChartTexts.From(key => knowledge.Text(null, key))), ct);
            }

            await context.Output.WriteAsync(parsed.GetValue(json) ? Json(report, CliJsonContext.Readable.StatsReport) : StatsText(report));
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
            await context.Output.WriteAsync(Json(new FeedbackExport(answers, votes), CliJsonContext.Readable.FeedbackExport));
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

        text.AppendLine("languages:  " + (string.Join(", ", report.Rows.Languages.Select(l => $"{l.Name} {l.Count}")) is { Length: > 0 } languages ? languages : "-"));
        text.AppendLine("most asked: " + (string.Join(", ", report.Rows.Sites.Select(s => $"{s.Name} {s.Count}")) is { Length: > 0 } sites ? sites : "-"));
        return text.ToString();
    }

    private static string Json<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Serialize(value, type) + Environment.NewLine;
}
