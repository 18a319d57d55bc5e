using AiFactories.Bot.Knowledge.Text;

namespace AiFactories.Bot.Knowledge.Tests.Text;

public sealed class BoundedMemoTests
{
    [Fact]
    public void ComputesEachKeyOnceUpToItsBoundAndEachTimeBeyondIt()
    {
        var calls = new Dictionary<string, int>();
        var memo = new BoundedMemo<string>(key => { calls[key] = calls.GetValueOrDefault(key) + 1; return key.ToUpperInvariant(); }, capacity: 2);

        Assert.Equal("A", memo["a"]);
        Assert.Equal("A", memo["a"]);
        Assert.Equal("B", memo["b"]);
        Assert.Equal("C", memo["c"]);
        Assert.Equal("C", memo["c"]);
        Assert.Equal("B", memo["b"]);

        Assert.Equal(1, calls["a"]);
        Assert.Equal(1, calls["b"]);
        Assert.Equal(2, calls["c"]);
    }
}
