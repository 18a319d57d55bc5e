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

/// <summary>One sentence of a passage (its analyzed terms are the index's: <see cref="KnowledgeIndex.SentenceTerms"/>).</summary>
internal sealed record Sentence(int Ordinal, int PassageOrdinal, string Text)
{

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
