using AiFactories.Bot.Knowledge.Text;

namespace AiFactories.Bot.Knowledge.Tests.Text;

public sealed class SetsTests
{
    [Theory]
    [InlineData("a b", "b c d e f", true)]
    [InlineData("b c d e f", "a b", true)]
    [InlineData("a b", "c d e f", false)]
    [InlineData("c d e f", "a b", false)]
    [InlineData("", "a b", false)]
    [InlineData("a", "", false)]
    [InlineData("x", "x", true)]
    public void ShareSaysWhetherTwoSetsHaveAnElementInCommonWhicheverIsLarger(string one, string other, bool expected)
    {
        static HashSet<string> Set(string items) => items.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(expected, Sets.Share(Set(one), Set(other)));
        Assert.Equal(Set(one).Overlaps(Set(other)), Sets.Share(Set(one), Set(other)));
    }
}
