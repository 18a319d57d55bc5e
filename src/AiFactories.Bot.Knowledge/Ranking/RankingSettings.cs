namespace AiFactories.Bot.Knowledge.Ranking;

/// <summary>
/// Every weight and threshold of evidence ranking, in one place. Sentences are scored by BM25 over
/// the question's analyzed terms, then re-ranked by how many topic words they hold.
/// </summary>
public sealed record RankingSettings
{
    /// <summary>Share of the question's topic words the best sentence must hold to count as an answer (0-1].</summary>
    public double MinCoverage { get; init; } = 0.5;

    /// <summary>Sentences ranked by Lucene before coverage re-ranks them.</summary>
    public int Candidates { get; init; } = 40;

    /// <summary>Query weight of words that name the subject itself ("AI Factory", "EuroHPC"): they rank little.</summary>
    public float SubjectBoost { get; init; } = 0.2f;

    /// <summary>Query weight of words that asked for a record field ("who hosts", "which machine").</summary>
    public float CueBoost { get; init; } = 0.5f;

    /// <summary>Score bonus, at most, of a sentence holding all the subject's own words ("AI Factories" rather than "AI Gigafactories").</summary>
    public float SubjectBonus { get; init; } = 0.3f;

    /// <summary>Score factor of a sentence about AI Gigafactories for a question about AI Factories, and the other way round; and of one dated to another wave than the one asked about.</summary>
    public float OtherConceptWeight { get; init; } = 0.6f;

    /// <summary>Score factor of a sentence of the documents (the seed article first) for a question that does not say "now" or name a wave.</summary>
    public float DocumentBoost { get; init; } = 1.4f;

    /// <summary>Score factor of a sentence dated to the wave a question is about.</summary>
    public float WaveBoost { get; init; } = 1.4f;

    /// <summary>Score factor of a sentence about one particular site or country the question did not name.</summary>
    public float OffSubjectWeight { get; init; } = 0.8f;

    /// <summary>The share of sentences above which a subject word is too common to search for when something specific is asked.</summary>
    public double CommonTermShare { get; init; } = 0.25;

    /// <summary>A list answer adds the places of its sites to the evidence query up to this many sites.</summary>
    public int MaxSitesInEvidence { get; init; } = 8;
}
