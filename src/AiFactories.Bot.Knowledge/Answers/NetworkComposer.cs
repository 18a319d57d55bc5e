using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Reading;

namespace AiFactories.Bot.Knowledge.Answers;

/// <summary>
/// Answers a question about the network as a set: how many, which, with which value, the most or the
/// fewest; filtered by kind (factory or antenna), wave, yes/no fields, empty lists and field values,
/// each possibly negated. A question about the network as it stands says as of when.
/// </summary>
internal sealed class NetworkComposer(AnswerContext context)
{
    /// <summary>Sites are shown as cards up to this many; a longer list is a list.</summary>
    private const int MaxCards = 7;

    /// <summary>
    /// The sites a question about the set selects, or null when it is not one: it names nothing, and
    /// its topic words are all values of filterable fields.
    /// </summary>
    public List<SiteRecord>? Select(QuestionPart part)
    {
        var wave = part.Scope is Reading.Scope.FirstWave or Reading.Scope.SecondWave or Reading.Scope.ThirdWave;
        var aboutSet = part.SiteKind is not null || part.Kind is AskedKind.Count or AskedKind.List || wave || part.Comparison != 0;

        // "Why", "what is", "who", "when" and "how much" about the network as a whole are told by the
        // documents and the fact sheet, not by listing records.
        // ... except "when" of one wave ("when were the first ones chosen"): the wave's date is the
        // date its records were announced, whatever words asked for it.
        var whenWave = wave && !part.ScopeNegated && part.Kind == AskedKind.Date && !part.NamesSomething && part.Filters.Count == 0
            && part.Fields.All(f => f is SiteFields.Announced or SiteFields.Wave);
        // AI Gigafactories are not records: how many are planned, where, is told by the fact sheet.
        if (part.AboutGigafactories && part.SiteKind is null)
        {
            return null;
        }

        if (!aboutSet || (part.Kind is AskedKind.Reason or AskedKind.Definition or AskedKind.Organisation or AskedKind.Date or AskedKind.Amount && part.Filters.Count == 0 && !whenWave))
        {
            return null;
        }

        var kind = part.SiteKind ?? SiteKinds.Factory;
        // Selected by position in the corpus's site list: a topic word's sites come from the index as
        // positions, and a table of them filters thousands of records without hashing their ids.
        var sites = context.Corpus.Sites;
        var scopeWave = context.Waves.Of(part.Scope);
        var selected = context.SiteOrdinalsInScope(kind, scopeWave, part.ScopeNegated);
        foreach (var filter in part.Filters)
        {
            selected = selected.Where(i => context.SiteHolds(i, filter)).ToList();
        }

        // A topic word filters by its own stem in any language, not its synonyms: "funding" must not
        // select the sites whose sector is "finance".
        foreach (var word in whenWave ? [] : part.Topic)
        {
            var matching = new bool[sites.Count];
            var any = false;
            foreach (var field in SiteFields.All.Where(f => f.Filter))
            {
                any |= context.Index.MarkSitesWithTerms(field.Name, word.Stems, matching);
            }

            if (!any)
            {
                return null;
            }

            selected = selected.Where(i => matching[i] != word.Negated).ToList();
        }

        // Written through a span of the list: a store into an array of records, even of the exact type,
        // goes through the runtime's checked store, which reads each record's type, a cache miss per
        // record: a third of a network-wide question at a thousand times the network. A span is checked
        // once, and the records are not touched until something of them is read.
        var records = new List<SiteRecord>(selected.Count);
        System.Runtime.InteropServices.CollectionsMarshal.SetCount(records, selected.Count);
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(records);
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = sites[selected[i]];
        }

        return records;
    }

    public void Compose(QuestionPart part, List<SiteRecord> sites, AnswerBuilder builder)
    {
        var say = builder.Say;
        var kind = part.SiteKind ?? SiteKinds.Factory;
        var max = context.Settings.MaxSites;
        var all = context.SiteOrdinalsOfKind(kind).Count;
        var unfiltered = sites.Count == all;
        var asOf = say.Month(context.Corpus.AsOf);
        var scope = ScopePhrase(part, say, asOf);
        var kindName = say.KindName(kind, sites.Count != 1);
        var records = Records(builder);

        if (part.Kind == AskedKind.Count && unfiltered && kind == SiteKinds.Factory)
        {
            var byWave = context.Waves.All.Select(w => say.Fill("by_wave_item", ("count", AnswerContext.Number(w.Count)), ("date", say.Date(w.Date)))).ToList();
            builder.Add(say.Fill("count_network", ("as_of", asOf), ("count", AnswerContext.Number(sites.Count)), ("by_wave", say.List(byWave))), records);
        }
        else if (part.Kind == AskedKind.Count && unfiltered)
        {
            builder.Add(say.Fill("count_network_antennas", ("as_of", asOf), ("count", AnswerContext.Number(sites.Count)), ("date", say.Date(sites.Min(s => s.Announced)))), records);
        }
        else if (part.Kind == AskedKind.Count)
        {
            builder.Add(say.Fill("count_scope", ("count", AnswerContext.Number(sites.Count)), ("kind", kindName), ("scope", scope)), records);
        }

        if (part.Comparison != 0 && Superlative(part, sites, builder))
        {
            builder.Done(AnswerKind.SiteList);
            return;
        }

        if (part.Kind != AskedKind.Count || sites.Count <= max)
        {
            builder.Add(say.Fill("list_scope", ("count", AnswerContext.Number(sites.Count)), ("kind", kindName), ("scope", scope), ("sites", say.List(sites, say.Label, max))), records);
        }

        foreach (var field in part.Fields.Where(f => !part.Filters.Any(x => x.Field == f) && SiteFields.Get(f).Kinds.Contains(kind) && !Implied(f, part)))
        {
            var values = sites.Take(max).Select(s => say.Value(s, field)).Distinct(StringComparer.Ordinal).ToList();
            if (values.Count == 1 && sites.Count > 1)
            {
                builder.Add(say.Fill("same_value", ("count", AnswerContext.Number(sites.Count)), ("value", values[0])));
            }
            else
            {
                foreach (var site in sites.Take(max))
                {
                    builder.Add(say.FieldAnswer(site, field), builder.Record(site));
                }
            }
        }

        if (sites.Count <= MaxCards)
        {
            builder.Show(sites);
        }

        var ranker = context.Ranker;
        var evidence = ranker.Rank(part, ranker.SiteTerms(sites), sites.Count <= ranker.Settings.MaxSitesInEvidence ? context.IdsOf(sites) : null);
        builder.Show(ranker.Hits(part, evidence, [], context.Settings.MaxPassages));
        builder.Done(AnswerKind.SiteList);
    }

    /// <summary>A field cue that only restated what the question selects by ("which factories are in the first wave").</summary>
    private static bool Implied(string field, QuestionPart part) =>
        field is SiteFields.Wave or SiteFields.Announced && part.Scope is not Reading.Scope.Unscoped and not Scope.Now
        || field is SiteFields.Antennas or SiteFields.LinkedFactories && part.SiteKind is not null && part.Kind is not AskedKind.None;

    private string ScopePhrase(QuestionPart part, Phrasing say, string asOf)
    {
        var total = context.Waves.Of(part.Scope) is { } wave && !part.ScopeNegated
            ? say.Fill("scope_wave", ("wave", say.Wave(wave)), ("date", say.Date(context.WaveDate(wave))))
            : say.Fill("scope_all", ("as_of", asOf));
        if (part.Filters.Count == 0 && part.Topic.Count == 0 && !part.ScopeNegated)
        {
            return total;
        }

        var kind = part.SiteKind ?? SiteKinds.Factory;
        var scopeWave = context.Waves.Of(part.Scope);
        var count = context.SiteOrdinalsInScope(kind, scopeWave, negated: false).Count;
        return say.Fill("scope_filtered", ("total", AnswerContext.Number(count)), ("scope", total));
    }

    /// <summary>The site with the most (or fewest) items in the list field asked about.</summary>
    private static bool Superlative(QuestionPart part, List<SiteRecord> sites, AnswerBuilder builder)
    {
        var field = part.Fields.Select(SiteFields.Get).FirstOrDefault(f => f.IsCountable);
        if (field is null || sites.Count == 0)
        {
            return false;
        }

        var say = builder.Say;
        var counted = sites.Where(s => field.Read(s) is not null).Select(s => (Site: s, Count: field.Read(s)!.Count)).ToList();
        if (counted.Count == 0)
        {
            return false;
        }

        var target = part.Comparison > 0 ? counted.Max(c => c.Count) : counted.Min(c => c.Count);
        foreach (var (site, count) in counted.Where(c => c.Count == target))
        {
            builder.Add(say.Fill(part.Comparison > 0 ? "most" : "least", ("site", say.Label(site)), ("field", say.FieldLabel(field.Name)), ("count", AnswerContext.Number(count))), builder.Record(site));
        }

        builder.Show(counted.Where(c => c.Count == target).Select(c => c.Site));
        return true;
    }

    private Citation Records(AnswerBuilder builder) =>
        new($"{builder.Say.Ui("record")} ({context.Corpus.Sites.Count})", [context.Corpus.FactSheet.Title], LanguageCatalog.English, context.Corpus.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
}
