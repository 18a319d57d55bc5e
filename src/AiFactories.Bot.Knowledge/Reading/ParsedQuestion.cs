using System.Text;
using AiFactories.Bot.Knowledge.Languages;

namespace AiFactories.Bot.Knowledge.Reading;

/// <summary>What kind of answer a question wants.</summary>
internal enum AskedKind
{
    /// <summary>Nothing says: a bare name or keywords.</summary>
    None,
    Place,
    Organisation,
    Date,
    Amount,
    Count,
    Reason,
    Definition,
    Choice,
    List,
    YesNo,
}

/// <summary>Which part of the network's history a question is about.</summary>
internal enum Scope
{
    /// <summary>Nothing says: the network as it stands, with the first announcement beside it.</summary>
    Unscoped,

    /// <summary>"now", "so far", "in total": the network as it stands, said as of when.</summary>
    Now,
    FirstWave,
    SecondWave,
    ThirdWave,
}

/// <summary>A word of the question that carries its topic, with its analyzed terms.</summary>
internal sealed record TopicWord(string Word, string? CorrectedFrom, IReadOnlyList<string> Terms, IReadOnlyList<string> Stems, bool Known, int Position)
{
    /// <summary>A field cue taken as a topic word too: for passages, "funding" is what is asked about.</summary>
    public bool FromCue { get; init; }

    /// <summary>Whether a negation comes just before it ("not health", "without a testbed").</summary>
    public bool Negated { get; init; }
}

/// <summary>A word nothing explains. In the question's focus ("how many CPU cores") it means the corpus cannot answer.</summary>
internal sealed record UnknownWord(string Word, int Position, bool InFocus);

/// <summary>A condition on the sites a question selects: that a yes/no field holds or a list field has items (negated: that it is known not to).</summary>
internal sealed record Filter(string Field, bool Negated);

/// <summary>One question of what was asked ("when were they selected and how much did they cost" has two).</summary>
internal sealed record QuestionPart(
    string Text,
    IReadOnlyList<string> Words,
    IReadOnlyList<EntityMatch> Matches,
    IReadOnlyList<SiteEntity> Sites,
    IReadOnlyList<CountryEntity> Countries,
    AskedKind Kind,
    IReadOnlyList<string> Fields,
    string? SiteKind,
    Scope Scope,
    bool ScopeNegated,
    IReadOnlyList<Filter> Filters,
    int Comparison,
    IReadOnlyList<TopicWord> Topic,
    IReadOnlyList<string> SubjectWords,
    IReadOnlyList<string> FieldCueWords,
    IReadOnlyList<UnknownWord> Unknown,
    bool HasStrongCue,
    bool Negated)
{
    public IEnumerable<TopicWord> UnknownTopic => Topic.Where(t => !t.Known);

    /// <summary>The topic without the field cues: what the question says beyond asking for a field.</summary>
    public QuestionPart WithoutCueTopic => Topic.Any(t => t.FromCue) ? this with { Topic = Topic.Where(t => !t.FromCue).ToList() } : this;

    /// <summary>Whether a topic word is joined to a field cue ("hardware vendor", "total budget"): then the field alone does not answer.</summary>
    public bool CompoundTopic { get; init; }

    /// <summary>The part's words as typed (folded), before the reader corrected any: position for position with <see cref="Words"/>.</summary>
    public IReadOnlyList<string> Typed { get; init; } = [];

    /// <summary>Whether the question says it is about the AI Gigafactories (not the AI Factories).</summary>
    public bool AboutGigafactories { get; init; }

    public bool NamesSomething => Sites.Count > 0 || Countries.Count > 0;

    public bool IsYesNo => Kind == AskedKind.YesNo;
}

/// <summary>A question as read: its language and its parts.</summary>
internal sealed record ParsedQuestion(string Text, string Normalized, DetectedLanguage Language, IReadOnlyList<QuestionPart> Parts)
{
    public QuestionPart First => Parts[0];

    /// <summary>
    /// The question reduced to what the engine takes from it: per part, the kind asked for, the sites
    /// and countries named, the fields, filters and scope, and the stems of its topic and unknown
    /// words, each sorted. Two wordings of one question ("who runs the Athens factory?", "who's
    /// running the AI factory in Athens") have the same gist; word order, stop words, case, accents
    /// and typos the reader corrects do not count.
    /// </summary>
    public string Gist()
    {
        static string Sorted(IEnumerable<string> items) => string.Join(",", items.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var parts = Parts.Select(part => string.Join(
            ";",
            part.Kind.ToString().ToLowerInvariant(),
            Sorted(part.Sites.Select(s => s.Site.Id).Concat(part.Countries.Select(c => c.Country.Name.ToLowerInvariant()))),
            Sorted(part.Fields),
            // "field=": the form filters had when they could carry a value, kept so that gists stored before still match.
            Sorted(part.Filters.Select(f => $"{(f.Negated ? "!" : string.Empty)}{f.Field}=")),
            part.Scope == Scope.Unscoped ? string.Empty : part.Scope.ToString().ToLowerInvariant(),
            Sorted(part.Topic.Where(t => !t.FromCue).Select(t => t.Stems.Count > 0 ? t.Stems[0] : t.Word)),
            Sorted(part.Unknown.Select(u => u.Word.ToLowerInvariant()))));
        return string.Join(" | ", parts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }

    /// <summary>How the question was read, one aspect a line, for `ask --explain`.</summary>
    public string Explain()
    {
        static string List(IEnumerable<string> items) => string.Join(", ", items) is { Length: > 0 } text ? text : "-";
        var text = new StringBuilder();
        text.AppendLine($"language: {Language.Code}{(Language.Supported ? string.Empty : " (not read)")} ({Language.Reason})");
        var number = 1;
        foreach (var part in Parts)
        {
            if (Parts.Count > 1)
            {
                text.AppendLine($"part {number++}: {part.Text}");
            }

            text.AppendLine($"words:    {List(part.Words)}");
            text.AppendLine($"asked:    {part.Kind}{(part.Negated ? ", negated" : string.Empty)}");
            text.AppendLine($"subject:  {List(part.Matches.Select(m => $"{m.Entity.Name} (by '{m.Alias}'{(m.Exact ? string.Empty : ", inflected or typo")})").Concat(part.SiteKind is null ? [] : [$"kind {part.SiteKind}"]))}");
            text.AppendLine($"fields:   {List(part.Fields)}{(part.HasStrongCue || part.Fields.Count == 0 ? string.Empty : " (question words only)")}");
            text.AppendLine($"scope:    {part.Scope}{(part.ScopeNegated ? " (negated)" : string.Empty)}");
            text.AppendLine($"filters:  {List(part.Filters.Select(f => $"{(f.Negated ? "not " : string.Empty)}{f.Field}"))}");
            text.AppendLine($"topic:    {List(part.Topic.Select(t => $"{t.Word}{(t.CorrectedFrom is null ? string.Empty : $" (from {t.CorrectedFrom})")}{(t.Known ? string.Empty : " (unknown)")} [{string.Join(' ', t.Terms)}]"))}");
            text.AppendLine($"ignored:  {List(part.SubjectWords.Concat(part.Unknown.Where(u => !u.InFocus).Select(u => u.Word + " (unknown, harmless)")))}");
            text.AppendLine($"unknown:  {List(part.Unknown.Where(u => u.InFocus).Select(u => u.Word))}");
        }

        return text.ToString();
    }
}
