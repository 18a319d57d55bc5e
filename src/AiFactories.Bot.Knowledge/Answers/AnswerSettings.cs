using AiFactories.Bot.Knowledge.Ranking;

namespace AiFactories.Bot.Knowledge.Answers;

/// <summary>How much an answer shows, and how its evidence is ranked.</summary>
public sealed record AnswerSettings
{
    /// <summary>Passages of evidence returned with an answer.</summary>
    public int MaxPassages { get; init; } = 3;

    /// <summary>Sites named in one answer at most; a longer list ends with how many more there are.</summary>
    public int MaxSites { get; init; } = 25;

    public RankingSettings Ranking { get; init; } = new();
}
