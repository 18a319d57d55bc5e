using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Reading;

namespace AiFactories.Bot.Knowledge.Answers;

/// <summary>Answers a question about the sites as a set: which, how many, with which value of a field.</summary>
internal sealed class SiteListComposer(AnswerContext context)
{
    /// <summary>
    /// The sites a question about the set selects, or null when its topic words are not all values of
    /// the filterable fields (then the question is not about the sites as a set).
    /// </summary>
    public List<SiteRecord>? Select(ParsedQuestion q)
    {
        var corpus = context.Corpus;
        IEnumerable<int> selected = Enumerable.Range(0, corpus.Sites.Count);
        foreach (var field in q.Fields.Where(f => f.Yes is not null))
        {
            selected = selected.Where(i => SiteFields.Values(corpus.Sites[i], field.Name) is [SiteFields.Yes]).ToList();
        }

        // A topic word filters by its own stem, not its synonyms: "funding" must not select the
        // sites whose sector is "finance".
        foreach (var word in q.Topic)
        {
            var matching = context.Formatter.Fields.Where(f => f.Filter)
                .SelectMany(f => context.Index.SitesWithTerms(f.Name, word.Stems))
                .ToHashSet();
            if (matching.Count == 0)
            {
                return null;
            }

            selected = selected.Where(matching.Contains).ToList();
        }

        return selected.Select(i => corpus.Sites[i]).ToList();
    }

    public Answer Compose(ParsedQuestion q, List<SiteRecord> sites)
    {
        var max = context.Settings.MaxSites;
        var formatter = context.Formatter;
        var filtered = sites.Count != context.Corpus.Sites.Count;
        var slots = AnswerContext.Slots(
            (Templates.Slots.Count, AnswerContext.Number(sites.Count)),
            (Templates.Slots.Total, AnswerContext.Number(context.FirstWave.Count)),
            (Templates.Slots.Sites, sites.Count == 0 ? "none" : SiteFormatter.JoinList(sites.Take(max).Select(formatter.Label)
                .Concat(sites.Count > max ? [$"{sites.Count - max} more"] : []).ToList())));
        slots[Templates.Slots.Scope] = context.Render(filtered ? Templates.ScopeFiltered : Templates.ScopeAll, slots);
        var parts = new List<string> { context.Render(q.AsksCount ? Templates.Count : Templates.List, slots) };
        foreach (var field in q.Fields.Where(f => f.Yes is null))
        {
            var values = sites.Take(max).Select(s => formatter.Value(s, field.Name)).Distinct(StringComparer.Ordinal).ToList();
            if (values.Count == 1 && sites.Count > 1)
            {
                parts.Add(context.Render(Templates.SameValue, AnswerContext.Slots((Templates.Slots.Count, AnswerContext.Number(sites.Count)), (Templates.Slots.Value, values[0]))));
            }
            else
            {
                parts.AddRange(sites.Take(max).Select(site => formatter.Render(field.Answer, site)));
            }
        }

        var ranker = context.Ranker;
        var few = sites.Count <= ranker.Settings.MaxSitesInEvidence;
        var evidence = ranker.Rank(q, ranker.SiteTerms(sites), few ? sites.Select(s => s.Id) : null);
        return context.Answered(q, AnswerKind.SiteList, parts, sites.Take(max).ToList(), ranker.Hits(q, evidence, [], context.Settings.MaxPassages));
    }
}
