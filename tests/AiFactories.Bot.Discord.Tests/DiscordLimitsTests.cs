using System.Globalization;
using AiFactories.Bot.Discord.Messages;
using AiFactories.Bot.Discord.Models;

namespace AiFactories.Bot.Discord.Tests;

public sealed class DiscordLimitsTests
{
    private static InteractionCallbackData Enforce(InteractionCallbackData data) => DiscordLimits.Enforce(data);

    [Theory]
    [InlineData(2000, false)]
    [InlineData(2001, true)]
    public void CutsContentPastTwoThousandCharacters(int length, bool cut)
    {
        var content = Enforce(new InteractionCallbackData { Content = new string('a', length) }).Content!;

        Assert.Equal(Math.Min(length, 2000), content.Length);
        Assert.Equal(cut, content.EndsWith(DiscordLimits.Ellipsis, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(256, 4096)]
    [InlineData(257, 4097)]
    public void CutsTitleAndDescription(int title, int description)
    {
        var embed = Enforce(new InteractionCallbackData { Embeds = [new Embed { Title = new string('t', title), Description = new string('d', description) }] }).Embeds![0];

        Assert.Equal(Math.Min(title, 256), embed.Title!.Length);
        Assert.True(embed.Title.Length + embed.Description!.Length <= DiscordLimits.EmbedTotal);
        Assert.Equal(title > 256, embed.Title.EndsWith(DiscordLimits.Ellipsis, StringComparison.Ordinal));
        Assert.Equal(description > 4096, embed.Description.EndsWith(DiscordLimits.Ellipsis, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(25)]
    [InlineData(26)]
    public void KeepsAtMostTwentyFiveFields(int count)
    {
        var fields = Enumerable.Range(0, count).Select(i => new EmbedField { Name = $"f{i}", Value = "v" }).ToList();

        var embed = Enforce(new InteractionCallbackData { Embeds = [new Embed { Fields = fields }] }).Embeds![0];

        Assert.Equal(25, embed.Fields!.Count);
    }

    [Theory]
    [InlineData(1024, 256)]
    [InlineData(1025, 257)]
    public void CutsFieldValuesAndNames(int value, int name)
    {
        var field = Enforce(new InteractionCallbackData { Embeds = [new Embed { Fields = [new EmbedField { Name = new string('n', name), Value = new string('v', value) }] }] }).Embeds![0].Fields![0];

        Assert.Equal(Math.Min(value, 1024), field.Value.Length);
        Assert.Equal(Math.Min(name, 256), field.Name.Length);
    }

    [Theory]
    [InlineData(2048)]
    [InlineData(2049)]
    public void CutsTheFooter(int length)
    {
        var footer = Enforce(new InteractionCallbackData { Embeds = [new Embed { Footer = new EmbedFooter { Text = new string('f', length) } }] }).Embeds![0].Footer!;

        Assert.Equal(Math.Min(length, 2048), footer.Text.Length);
    }

    [Fact]
    public void KeepsAllEmbedsTogetherWithinSixThousandCharacters()
    {
        var embeds = Enumerable.Range(0, 4).Select(_ => new Embed { Title = "title", Description = new string('d', 4000) }).ToList();

        var result = Enforce(new InteractionCallbackData { Embeds = embeds }).Embeds!;

        var total = result.Sum(e => (e.Title?.Length ?? 0) + (e.Description?.Length ?? 0));
        Assert.True(total <= 6000, $"{total}");
        Assert.True(total >= 5990, $"{total}");
    }

    [Fact]
    public void LeavesAMessageOfExactlySixThousandCharactersWhole()
    {
        var embeds = new List<Embed> { new() { Description = new string('a', 4000) }, new() { Description = new string('b', 2000) } };

        var result = Enforce(new InteractionCallbackData { Embeds = embeds }).Embeds!;

        Assert.Equal(4000, result[0].Description!.Length);
        Assert.Equal(2000, result[1].Description!.Length);
        Assert.False(result[1].Description!.EndsWith(DiscordLimits.Ellipsis, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(25)]
    [InlineData(26)]
    public void KeepsAtMostTwentyFiveChoices(int count)
    {
        var choices = Enumerable.Range(0, count).Select(i => new CommandChoice { Name = $"c{i}", Value = $"{i}" }).ToList();

        Assert.Equal(25, Enforce(new InteractionCallbackData { Choices = choices }).Choices!.Count);
    }

    [Theory]
    [InlineData(100, 80)]
    [InlineData(101, 81)]
    public void CutsCustomIdsAndButtonLabels(int customId, int label)
    {
        var button = Component.Button(new string('l', label), new string('c', customId));

        var result = Enforce(new InteractionCallbackData { Components = [Component.Row(button)] }).Components![0].Components![0];

        Assert.Equal(Math.Min(customId, 100), result.CustomId!.Length);
        Assert.Equal(Math.Min(label, 80), result.Label!.Length);
    }

    [Fact]
    public void NeverSplitsASurrogatePair()
    {
        var text = string.Concat(Enumerable.Repeat("🤖", 1500));

        var cut = DiscordLimits.Truncate(text, 2000);

        Assert.True(cut.Length <= 2000);
        Assert.False(char.IsHighSurrogate(cut[^2]) && !char.IsLowSurrogate(cut[^1]));
        Assert.EndsWith("🤖" + DiscordLimits.Ellipsis, cut, StringComparison.Ordinal);
    }

    /// <summary>Text elements of several UTF-16 units: a ZWJ sequence, a skin tone, a flag, e + combining acute, a robot (one surrogate pair).</summary>
    public static TheoryData<string, string> EveryLimitWithHardTextElements()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in new[] { "content", "title", "description", "field name", "field value", "footer", "author", "choice name", "choice value", "custom_id", "label" })
        {
            foreach (var element in new[] { "👩‍💻", "👍🏽", "🇫🇮", "e\u0301", "🤖" })
            {
                data.Add(kind, element);
            }
        }

        return data;
    }

    /// <summary>Puts <paramref name="text"/> where <paramref name="kind"/> goes, enforces the limits and reads it back, with that kind's limit and whether it is cut with an ellipsis.</summary>
    private static (string Result, int Limit, bool Ellipsis) EnforceOne(string kind, string text)
    {
        InteractionCallbackData Embed(Embed embed) => new() { Embeds = [embed] };
        return kind switch
        {
            "content" => (Enforce(new InteractionCallbackData { Content = text }).Content!, DiscordLimits.Content, true),
            "title" => (Enforce(Embed(new Embed { Title = text })).Embeds![0].Title!, DiscordLimits.EmbedTitle, true),
            "description" => (Enforce(Embed(new Embed { Description = text })).Embeds![0].Description!, DiscordLimits.EmbedDescription, true),
            "field name" => (Enforce(Embed(new Embed { Fields = [new EmbedField { Name = text, Value = "v" }] })).Embeds![0].Fields![0].Name, DiscordLimits.FieldName, true),
            "field value" => (Enforce(Embed(new Embed { Fields = [new EmbedField { Name = "n", Value = text }] })).Embeds![0].Fields![0].Value, DiscordLimits.FieldValue, true),
            "footer" => (Enforce(Embed(new Embed { Footer = new EmbedFooter { Text = text } })).Embeds![0].Footer!.Text, DiscordLimits.Footer, true),
            "author" => (Enforce(Embed(new Embed { Author = new EmbedAuthor { Name = text } })).Embeds![0].Author!.Name, DiscordLimits.Author, true),
            "choice name" => (Enforce(new InteractionCallbackData { Choices = [new CommandChoice { Name = text, Value = "v" }] }).Choices![0].Name, DiscordLimits.ChoiceName, true),
            "choice value" => (Enforce(new InteractionCallbackData { Choices = [new CommandChoice { Name = "n", Value = text }] }).Choices![0].Value, DiscordLimits.ChoiceValue, false),
            "custom_id" => (Enforce(new InteractionCallbackData { Components = [Component.Row(Component.Button("l", text))] }).Components![0].Components![0].CustomId!, DiscordLimits.CustomId, false),
            "label" => (Enforce(new InteractionCallbackData { Components = [Component.Row(Component.Button(text, "c"))] }).Components![0].Components![0].Label!, DiscordLimits.ButtonLabel, true),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    [Theory]
    [MemberData(nameof(EveryLimitWithHardTextElements))]
    public void CutsEveryLimitBetweenTextElements(string kind, string element)
    {
        Assert.Equal(1, new StringInfo(element).LengthInTextElements);
        var limit = EnforceOne(kind, "x").Limit;
        var room = EnforceOne(kind, "x").Ellipsis ? limit - DiscordLimits.Ellipsis.Length : limit;

        // The element straddles the cut at each of its inner positions.
        for (var inside = 1; inside < element.Length; inside++)
        {
            var filler = new string('a', room - inside);
            var text = filler + element + "bbbb";

            var (result, _, ellipsis) = EnforceOne(kind, text);

            Assert.True(result.Length <= limit, $"{kind}: {result.Length} > {limit}");
            var kept = ellipsis ? result[..^DiscordLimits.Ellipsis.Length] : result;
            Assert.Equal(filler, kept);
            if (ellipsis)
            {
                Assert.EndsWith(DiscordLimits.Ellipsis, result, StringComparison.Ordinal);
                Assert.Equal(DiscordLimits.Ellipsis, TextElements(result)[^1]);
            }

            Assert.Equal(TextElements(text).Take(TextElements(kept).Count), TextElements(kept));
        }

        // Where the element fits whole, it is kept whole.
        var fits = new string('a', room - element.Length) + element + "bbbb";
        var whole = EnforceOne(kind, fits).Result;
        Assert.Contains(element, whole, StringComparison.Ordinal);
        Assert.True(whole.Length <= limit);
    }

    private static List<string> TextElements(string text)
    {
        var elements = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }

        return elements;
    }

    [Fact]
    public void CutsAPileOfCombiningMarksBetweenCodePointsWhenAnIdMayNotBeEmpty()
    {
        var zalgo = "🤖" + new string('\u0301', 150);

        var id = DiscordLimits.NonEmptyPrefix(zalgo, DiscordLimits.CustomId);

        Assert.InRange(id.Length, 1, DiscordLimits.CustomId);
        Assert.StartsWith("🤖", id, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(id[^1]));
    }

    [Fact]
    public void KeepsTheEllipsisATextElementOfItsOwnAfterAPrependedMark()
    {
        // U+0600 (an Arabic number sign) joins the character after it, here a space the cut trims.
        var text = "aaaaaaa" + "\u0600 " + "123456";

        var cut = DiscordLimits.Truncate(text, 10);

        Assert.Equal("aaaaaaa" + DiscordLimits.Ellipsis, cut);
    }

    [Fact]
    public void LeavesTextWithinTheLimitAlone() => Assert.Same("short", DiscordLimits.Truncate("short", 10));
    [Fact]
    public void CutsWhereAScanFromTheStartWould()
    {
        // Flags, emoji sequences, combining marks, CR LF and plain text, in every order, cut at every length.
        string[] pieces = ["ab", "\U0001F1EB\U0001F1F7", "\U0001F468\u200D\U0001F469\u200D\U0001F467", "e\u0301", "\r\n", " ", "Ł", "\U0001F44D\U0001F3FD", "x"];
        var random = new Random(7);
        for (var round = 0; round < 200; round++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 30)).Select(_ => pieces[random.Next(pieces.Length)]));
            for (var max = 0; max <= text.Length; max++)
            {
                Assert.Equal(PrefixScannedFromStart(text, max), DiscordLimits.Prefix(text, max));
            }
        }

        static string PrefixScannedFromStart(string text, int max)
        {
            var end = 0;
            while (end < text.Length && end + StringInfo.GetNextTextElementLength(text.AsSpan(end)) <= max)
            {
                end += StringInfo.GetNextTextElementLength(text.AsSpan(end));
            }

            return text[..end];
        }
    }
}
