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

    [Fact]
    public void LeavesTextWithinTheLimitAlone() => Assert.Same("short", DiscordLimits.Truncate("short", 10));
}
