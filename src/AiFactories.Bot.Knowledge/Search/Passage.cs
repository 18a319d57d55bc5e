namespace AiFactories.Bot.Knowledge.Search;

/// <summary>A paragraph of evidence and where it comes from.</summary>
public sealed record Passage(
    int Ordinal,
    PassageSource Source,
    string? Section,
    string Text,
    string? SiteId);

/// <summary>The document a passage comes from, as a user would cite it, and the language it is written in.</summary>
public sealed record PassageSource(string Id, string Title, string Kind, string? Date, IReadOnlyList<string> Origins, string Language = "en")
{
    public string Cite() => Date is null ? $"{Title} ({Kind})" : $"{Title} ({Kind}, {Date})";
}

/// <summary>
/// One sentence of a passage, with its analyzed terms for coverage and highlighting (from the index's
/// table of every sentence's terms, analyzed when first read).
/// </summary>
internal sealed record Sentence(int Ordinal, int PassageOrdinal, string Text, Text.OnDemandTable<IReadOnlySet<string>> TermTable)
{
    /// <summary>The analyzed terms of the sentence as it is searched (with the sentence it borrows from, and its fact sheet entry's title).</summary>
    public IReadOnlySet<string> Terms => TermTable[Ordinal];

    // Printed without the table and the terms: printing a sentence (a debugger, an assertion's
    // message) must not analyze it, nor list every sentence's terms.
#pragma warning disable IDE0051 // Called by the ToString the compiler generates for the record.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Ordinal = {Ordinal}, PassageOrdinal = {PassageOrdinal}, Text = {Text}, Borrows = {Borrows}");
        return true;
    }
#pragma warning restore IDE0051

    /// <summary>Whether the sentence is searched with the one before it ("It has 512 nodes."): its terms are partly borrowed.</summary>
    public bool Borrows { get; init; }
}

/// <summary>
/// A passage of evidence: the best sentence in it and both with the matched terms in bold. The bold
/// versions are made when first asked for: an answer shows one passage of the several it ranks.
/// </summary>
public sealed class PassageHit
{
    private readonly Lazy<string> _highlightedSentence;
    private readonly Lazy<string> _highlightedText;

    internal PassageHit(Passage passage, string sentence, Func<string> highlightSentence, Func<string> highlightText, float score)
    {
        Passage = passage;
        Sentence = sentence;
        Score = score;
        _highlightedSentence = new(highlightSentence, LazyThreadSafetyMode.PublicationOnly);
        _highlightedText = new(highlightText, LazyThreadSafetyMode.PublicationOnly);
    }

    public Passage Passage { get; }

    public string Sentence { get; }

    public string HighlightedSentence => _highlightedSentence.Value;

    public string HighlightedText => _highlightedText.Value;

    public float Score { get; }
}
