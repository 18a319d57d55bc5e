using System.Buffers.Binary;
using System.Text;
using AiFactories.Bot.Discord.Messages;
using AiFactories.Bot.Feedback;

namespace AiFactories.Bot.Tests.Feedback;

public sealed class StatsChartTests
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly ChartTexts English = new("Questions, last 30 days", "Answered", "Not answered", "Questions", "Helpful share");

    private static readonly DateOnly Start = new(2025, 3, 1);

    /// <summary><paramref name="count"/> days from <see cref="Start"/>, counts made up from the day's index and <paramref name="seed"/>.</summary>
    private static List<DayRow> Days(int count, int seed = 1, bool votes = true) =>
        Enumerable.Range(0, count)
            .Select(i =>
            {
                var questions = ((i * 7) + seed) % 13;
                var answered = questions * 3 / 4;
                return new DayRow(Start.AddDays(i), questions, answered, votes ? answered / 2 : 0, votes ? questions % 3 : 0);
            })
            .ToList();

    /// <summary>
    /// Walks the PNG's chunks (length, type, data, CRC) from the signature to IEND and returns the
    /// IHDR's width and height: the image is whole and of that size.
    /// </summary>
    private static (int Width, int Height) ReadPng(byte[] png)
    {
        Assert.True(png.AsSpan().StartsWith(Signature), "no PNG signature");
        var at = Signature.Length;
        (int, int)? size = null;
        var chunks = new List<string>();
        while (true)
        {
            Assert.True(at + 12 <= png.Length, $"chunk header past the end at {at}");
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            Assert.True(length >= 0 && at + 12 + length <= png.Length, $"{type} runs past the end");
            chunks.Add(type);
            if (type == "IHDR")
            {
                Assert.Equal(13, length);
                size = (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at + 8)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at + 12)));
            }

            at += 12 + length;
            if (type == "IEND")
            {
                break;
            }
        }

        Assert.Equal("IHDR", chunks[0]);
        Assert.Contains("IDAT", chunks);
        Assert.Equal(png.Length, at);
        return size!.Value;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(30)]
    [InlineData(90)]
    public void DrawsAPngOfTheAskedSizeForAnyPeriod(int count)
    {
        var png = StatsChart.Render(Days(count), English);

        Assert.Equal((StatsChart.Width, StatsChart.Height), ReadPng(png));
        Assert.Equal((800, 400), (StatsChart.Width, StatsChart.Height));
        Assert.True(png.Length < DiscordLimits.FileBytes / 20, $"{png.Length} bytes");
    }

    [Fact]
    public void DrawsDaysWithNoQuestionsAndNoDaysAtAll()
    {
        var zero = StatsChart.Render(Enumerable.Range(0, 30).Select(i => new DayRow(Start.AddDays(i), 0, 0, 0, 0)).ToList(), English);
        var empty = StatsChart.Render([], English);

        Assert.Equal((800, 400), ReadPng(zero));
        Assert.Equal((800, 400), ReadPng(empty));
        Assert.NotEqual(zero, StatsChart.Render(Days(30), English));
    }

    [Fact]
    public void DrawsDifferentDataDifferently()
    {
        var first = StatsChart.Render(Days(30, seed: 1), English);
        var second = StatsChart.Render(Days(30, seed: 5), English);

        Assert.NotEqual(first, second);
        Assert.Equal(first, StatsChart.Render(Days(30, seed: 1), English));
    }

    [Fact]
    public void DrawsTheHelpfulShareOnlyWhenThereWereVotes()
    {
        var withVotes = StatsChart.Render(Days(14, votes: true), English);
        var withoutVotes = StatsChart.Render(Days(14, votes: false), English);

        Assert.NotEqual(withVotes, withoutVotes);
    }

    /// <summary>
    /// With no font on the machine Skia draws the bars and no text at all: then two titles give the
    /// same picture. This fails on such a machine, as it should.
    /// </summary>
    [Fact]
    public void DrawsItsWords()
    {
        var days = Days(30);

        Assert.True(StatsChart.CanDrawText(English), "no font on this machine has the chart's letters");
        Assert.NotEqual(StatsChart.Render(days, English), StatsChart.Render(days, English with { Title = "Fragen, letzte 30 Tage" }));
        Assert.NotEqual(StatsChart.Render(days, English), StatsChart.Render(days, English with { NotAnswered = "Unanswered" }));
    }

    [Fact]
    public async Task DrawsTheSameChartsWhenCalledAtOnce()
    {
        var sets = Enumerable.Range(0, 8).Select(i => (Days: Days(10 + (i * 10), seed: i), Texts: English with { Title = $"Chart {i}" })).ToList();
        var alone = sets.Select(s => StatsChart.Render(s.Days, s.Texts)).ToList();

        var together = await Task.WhenAll(sets.Select(s => Task.Run(() => StatsChart.Render(s.Days, s.Texts))));

        for (var i = 0; i < sets.Count; i++)
        {
            Assert.Equal(alone[i], together[i]);
        }
    }
}
