using AiFactories.Bot.Knowledge.Corpus;

namespace AiFactories.Bot.Knowledge.Reading;

/// <summary>A word of the question that carries its topic, with its analyzed terms.</summary>
internal sealed record TopicWord(string Word, string? CorrectedFrom, IReadOnlyList<string> Terms, IReadOnlyList<string> Stems, bool Known);

/// <summary>What a question names and asks, as read against the corpus.</summary>
internal sealed record ParsedQuestion(
    string Text,
    IReadOnlyList<string> Words,
    IReadOnlyList<EntityMatch> Matches,
    IReadOnlyList<SiteEntity> Sites,
    IReadOnlyList<CountryEntity> Countries,
    IReadOnlyList<FieldSpec> Fields,
    bool AsksCount,
    bool AsksList,
    IReadOnlyList<TopicWord> Topic,
    IReadOnlyList<string> SubjectWords,
    IReadOnlyList<string> FieldCueWords,
    bool HasStrongCue)
{
    public IEnumerable<TopicWord> UnknownWords => Topic.Where(t => !t.Known);

    /// <summary>How the question was read, one aspect a line, for `ask --explain`.</summary>
    public string Explain()
    {
        static string List(IEnumerable<string> items) => string.Join(", ", items) is { Length: > 0 } text ? text : "-";
        return string.Join('\n',
            $"words:    {List(Words)}",
            $"entities: {List(Matches.Select(m => $"{m.Entity.Name} (by '{m.Alias}'{(m.Exact ? string.Empty : ", typo")})"))}",
            $"fields:   {List(Fields.Select(f => f.Name))}{(HasStrongCue ? string.Empty : " (question words only)")}",
            $"count:    {AsksCount}, list: {AsksList}",
            $"subject:  {List(SubjectWords)}",
            $"topic:    {List(Topic.Select(t => $"{t.Word}{(t.CorrectedFrom is null ? string.Empty : $" (from {t.CorrectedFrom})")}{(t.Known ? string.Empty : " (unknown)")} [{string.Join(' ', t.Terms)}]"))}",
            string.Empty);
    }
}
