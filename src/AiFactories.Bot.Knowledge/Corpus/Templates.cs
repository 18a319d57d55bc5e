namespace AiFactories.Bot.Knowledge.Corpus;

/// <summary>
/// The answer templates every lexicon must have (the keys of <c>lexicon.json</c>'s "answers") and
/// the placeholders they may use besides record fields. The loader checks them; the composers
/// fill them.
/// </summary>
public static class Templates
{
    public const string Site = "site";
    public const string Describe = "describe";
    public const string Count = "count";
    public const string List = "list";
    public const string ScopeAll = "scope_all";
    public const string ScopeFiltered = "scope_filtered";
    public const string SameValue = "same_value";
    public const string NotHost = "not_host";
    public const string NotHostDetail = "not_host_detail";
    public const string Partner = "partner";
    public const string Timeline = "timeline";
    public const string Unanswered = "unanswered";
    public const string UnknownTerms = "unknown_terms";

    public static IReadOnlyList<string> Required { get; } =
        [Site, Describe, Count, List, ScopeAll, ScopeFiltered, SameValue, NotHost, NotHostDetail, Partner, Timeline, Unanswered, UnknownTerms];

    /// <summary>Placeholders that are not record fields, filled by the composers.</summary>
    public static class Slots
    {
        public const string Count = "count";
        public const string Scope = "scope";
        public const string Sites = "sites";
        public const string Total = "total";
        public const string Value = "value";
        public const string Country = "country";
        public const string Date = "date";
        public const string Entries = "entries";
        public const string Terms = "terms";

        public static IReadOnlyList<string> All { get; } = [Count, Scope, Sites, Total, Value, Country, Date, Entries, Terms];
    }
}
