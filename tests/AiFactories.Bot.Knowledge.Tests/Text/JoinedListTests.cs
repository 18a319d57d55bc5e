using AiFactories.Bot.Knowledge.Text;

namespace AiFactories.Bot.Knowledge.Tests.Text;

public sealed class JoinedListTests
{
    [Fact]
    public void AddsANameOnceInTheOrderMet()
    {
        var list = JoinedList.With(null, "en");
        Assert.Same("en", list);
        list = JoinedList.With(list, "fr");
        list = JoinedList.With(list, "en");
        list = JoinedList.With(list, "e");

        Assert.Equal("en,fr,e", list);
        Assert.True(JoinedList.Contains(list, "fr"));
        Assert.False(JoinedList.Contains(list, "f"));
    }

    [Fact]
    public void ComparesListsAsSets()
    {
        Assert.True(JoinedList.SameItems("host,city", "city,host"));
        Assert.True(JoinedList.SameItems(null, null));
        Assert.False(JoinedList.SameItems("host,city", "host,town"));
        Assert.False(JoinedList.SameItems("host", null));
        Assert.False(JoinedList.SameItems("ab,c", "a,bc"));
    }
}
