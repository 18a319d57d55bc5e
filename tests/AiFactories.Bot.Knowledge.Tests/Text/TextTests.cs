using AiFactories.Bot.Knowledge.Text;

namespace AiFactories.Bot.Knowledge.Tests.Text;

public sealed class TextTests
{
    [Theory]
    [InlineData("Linköping", "linkoping")]
    [InlineData("Grèce", "grece")]
    [InlineData("TÜRKIYE", "turkiye")]
    [InlineData("Kraków", "krakow")]
    [InlineData("Universität", "universitat")]
    public void FoldsCaseAndAccents(string text, string expected) => Assert.Equal(expected, TextFolding.Fold(text));

    [Fact]
    public void SplitsWordsOnPunctuationAndApostrophes() =>
        Assert.Equal(["quelle", "est", "l", "ai", "factory", "en", "grece"], TextFolding.Words("Quelle est l'AI Factory en Grèce ?"));

    [Theory]
    [InlineData("stutgart", "stuttgart", 1)]
    [InlineData("kajani", "kajaani", 1)]
    [InlineData("barcleona", "barcelona", 1)]
    [InlineData("linkoping", "linkoping", 0)]
    [InlineData("finland", "poland", 3)]
    public void MeasuresEditDistanceWithTranspositions(string a, string b, int expected) =>
        Assert.Equal(expected, EditDistance.Distance(a, b, 3));

    [Fact]
    public void StopsCountingPastTheBound() => Assert.Equal(2, EditDistance.Distance("pizza", "barcelona", 1));

    [Theory]
    [InlineData(4, 0)]
    [InlineData(5, 1)]
    [InlineData(8, 1)]
    [InlineData(9, 2)]
    public void AllowsMoreTyposInLongerWords(int length, int edits) => Assert.Equal(edits, EditDistance.AllowedEdits(length));

    [Fact]
    public void SplitsSentencesButNotDecimals()
    {
        var sentences = SentenceSplitter.Split("Financed with 1.5 billion euros. How to explain this absence? political reason or failure.");

        Assert.Equal(["Financed with 1.5 billion euros.", "How to explain this absence?", "political reason or failure."], sentences);
    }

    [Fact]
    public void TreatsEachListItemAsASentence()
    {
        var sentences = SentenceSplitter.Split("Seven locations:\n- Barcelona, Spain (BSC).\n- Bologna, Italy (CINECA).");

        Assert.Equal(["Seven locations:", "Barcelona, Spain (BSC).", "Bologna, Italy (CINECA)."], sentences);
    }
}
