using System.Collections.Concurrent;
using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace AiFactories.Bot.Feedback;

/// <summary>The words on the /stats chart, in the language of the admin who asked; the caller fills them.</summary>
/// <param name="Title">Above the chart, such as "Questions, last 30 days".</param>
/// <param name="Answered">Legend: the part of the bars the corpus answered.</param>
/// <param name="NotAnswered">Legend: the part it could not.</param>
/// <param name="Questions">The left axis: questions per day.</param>
/// <param name="HelpfulShare">The right axis and the line: the share of 👍 among the day's votes.</param>
/// <param name="DateFormat">How a day is written under its bar (invariant culture: the bot runs with invariant globalization).</param>
public sealed record ChartTexts(string Title, string Answered, string NotAnswered, string Questions, string HelpfulShare, string DateFormat = "MM-dd")
{
    /// <summary>The chart's words from the bot's texts in one language (stats_chart_title, chart_answered, ...).</summary>
    public static ChartTexts From(Func<string, string> say) =>
        new(say("stats_chart_title"), say("chart_answered"), say("chart_not_answered"), say("stats_questions"), say("chart_helpful_share"));
}

/// <summary>
/// The /stats chart: a PNG of questions per day, each bar split into answered and not answered,
/// with the share of 👍 among the votes as a line on a 0-100 % axis when there were votes.
/// </summary>
/// <remarks>
/// Each call draws on a plot and a surface of its own, so calls may run at once. Text needs a font on
/// the machine: SkiaSharp's Linux library here is built without fontconfig and finds fonts by
/// reading the font folders itself (/usr/share/fonts); with none it draws the bars and no text at
/// all. The container image installs one (see the Dockerfile); <see cref="CanDrawText"/> tells.
/// </remarks>
public static class StatsChart
{
    public const int Width = 800;
    public const int Height = 400;

    /// <summary>The most day labels under the bars; past that every second, third… day is labelled.</summary>
    private const int MaxDateLabels = 12;

    private static readonly Color AnsweredColor = Color.FromHex("#3BA55C");
    private static readonly Color NotAnsweredColor = Color.FromHex("#ED8936");
    private static readonly Color ShareColor = Color.FromHex("#5865F2");

    /// <summary>The font chosen for a set of texts; ScottPlot's font look-up keeps static caches, so it runs under a lock, once per set.</summary>
    private static readonly ConcurrentDictionary<string, string> FontFor = new(StringComparer.Ordinal);
    private static readonly Lock FontLock = new();

    /// <summary>The chart as PNG bytes, <see cref="Width"/> by <see cref="Height"/> pixels.</summary>
    /// <param name="days">Every day of the period, oldest first (days with no questions included); may be empty.</param>
    /// <param name="texts">The title, legend and axis words.</param>
    public static byte[] Render(IReadOnlyList<DayRow> days, ChartTexts texts)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(texts);

        var plot = new Plot();
        plot.Font.Set(Font(texts));
        plot.Title(texts.Title);
        plot.YLabel(texts.Questions);

        // Stacked: answered from 0, not answered on top of it, one bar per day at its index.
        var bars = new List<Bar>(days.Count * 2);
        for (var i = 0; i < days.Count; i++)
        {
            var answered = Math.Clamp(days[i].Answered, 0, Math.Max(0, days[i].Questions));
            bars.Add(new Bar { Position = i, ValueBase = 0, Value = answered, FillColor = AnsweredColor, LineWidth = 0 });
            bars.Add(new Bar { Position = i, ValueBase = answered, Value = Math.Max(answered, days[i].Questions), FillColor = NotAnsweredColor, LineWidth = 0 });
        }

        if (bars.Count > 0)
        {
            plot.Add.Bars(bars);
        }

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = texts.Answered, FillColor = AnsweredColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = texts.NotAnswered, FillColor = NotAnsweredColor });

        var voted = Enumerable.Range(0, days.Count).Where(i => days[i].Up + days[i].Down > 0).ToList();
        if (voted.Count > 0)
        {
            var xs = voted.Select(i => (double)i).ToArray();
            var ys = voted.Select(i => 100.0 * days[i].Up / (days[i].Up + days[i].Down)).ToArray();
            var share = plot.Add.Scatter(xs, ys, ShareColor);
            share.Axes.YAxis = plot.Axes.Right;
            share.LineWidth = days.Count > 31 ? 1.5f : 2;
            share.MarkerSize = days.Count > 31 ? 4 : 7;
            plot.Axes.Right.Label.Text = texts.HelpfulShare;
            plot.Axes.Right.TickGenerator = new NumericAutomatic { LabelFormatter = v => v.ToString("0", CultureInfo.InvariantCulture) + " %" };
            plot.Axes.SetLimitsY(0, 105, plot.Axes.Right);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = texts.HelpfulShare, LineColor = ShareColor, LineWidth = 2, MarkerColor = ShareColor, MarkerShape = MarkerShape.FilledCircle, MarkerSize = 7 });
        }

        // Whole questions only, from 0, with a little room above the tallest bar.
        var most = days.Count == 0 ? 0 : days.Max(d => Math.Max(d.Questions, d.Answered));
        plot.Axes.Left.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimitsY(0, Math.Max(4, most * 1.1), plot.Axes.Left);

        var step = (int)Math.Ceiling(Math.Max(1, days.Count) / (double)MaxDateLabels);
        var ticks = new NumericManual();
        for (var i = 0; i < days.Count; i += step)
        {
            ticks.AddMajor(i, days[i].Day.ToString(texts.DateFormat, CultureInfo.InvariantCulture));
        }

        // At least a week's width, centred, so that one day is not one wide slab.
        var slots = Math.Max(7, days.Count);
        var middle = (Math.Max(1, days.Count) - 1) / 2.0;
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.SetLimitsX(middle - (slots / 2.0) - 0.1, middle + (slots / 2.0) + 0.1);

        // Below the chart, in a row: inside, it would hide bars.
        plot.ShowLegend(Edge.Bottom);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>
    /// Whether the font the chart would use has a glyph for every character of the texts; false on a
    /// machine with no fonts, where the chart comes out without words.
    /// </summary>
    public static bool CanDrawText(ChartTexts texts)
    {
        var all = AllText(texts);
        lock (FontLock)
        {
            using var font = new SkiaSharp.SKFont(Fonts.GetTypeface(Font(texts), bold: false, italic: false));
            return all.Length > 0 && font.Typeface.GlyphCount > 0 && font.ContainsGlyphs(all);
        }
    }

    /// <summary>
    /// The first installed sans-serif font of <see cref="Preferred"/> that has every glyph of the
    /// texts, else the font ScottPlot finds for them (for scripts those fonts lack).
    /// </summary>
    private static string Font(ChartTexts texts) => FontFor.GetOrAdd(AllText(texts), all =>
    {
        lock (FontLock)
        {
            foreach (var family in Preferred.Append(Fonts.Sans))
            {
                using var typeface = SkiaSharp.SKFontManager.Default.MatchFamily(family);
                using var font = typeface is null ? null : new SkiaSharp.SKFont(typeface);
                if (font is not null && font.ContainsGlyphs(all))
                {
                    return family;
                }
            }

            return Fonts.Detect(all);
        }
    });

    /// <summary>Sans-serif families found on Linux servers (DejaVu is the one the container image installs).</summary>
    private static readonly string[] Preferred = ["DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial"];

    private static string AllText(ChartTexts texts) =>
        string.Concat(texts.Title, texts.Answered, texts.NotAnswered, texts.Questions, texts.HelpfulShare, "0123456789-%");
}
