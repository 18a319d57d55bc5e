using AiFactories.Bot.Knowledge.Answers;

namespace AiFactories.Bot.Knowledge.Tests.Answers;

public sealed class PhrasingTests
{
    [Theory]
    [InlineData("{count} AI Factories in {country}", "7 AI Factories in Finland")]
    [InlineData("no placeholder", "no placeholder")]
    [InlineData("{count}{country}", "7Finland")]
    [InlineData("{unknown} stays, {count} goes", "{unknown} stays, 7 goes")]
    [InlineData("{Count} {} {count {{count}} }", "{Count} {} {count {7} }")]
    [InlineData("{as_of}: {count}", "October 2025: 7")]
    [InlineData("ends with {", "ends with {")]
    public void RendersPlaceholdersAndLeavesEverythingElse(string template, string expected) =>
        Assert.Equal(expected, Phrasing.Render(template, ("count", "7"), ("country", "Finland"), ("as_of", "October 2025")));
}
