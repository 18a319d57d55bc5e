using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Search;

namespace AiFactories.Bot.Knowledge.Answers;

/// <summary>Tunable thresholds of the answer engine.</summary>
public sealed record AnswerSettings
{
    /// <summary>Share of the question's topic words the best sentence must hold to count as an answer.</summary>
    public double MinCoverage { get; init; } = 0.5;

    /// <summary>Passages of evidence returned with an answer.</summary>
    public int MaxPassages { get; init; } = 3;

    /// <summary>Sentences ranked by Lucene before coverage re-ranks them.</summary>
    public int Candidates { get; init; } = 40;

    /// <summary>Sites named in one answer at most; a longer list ends with how many more there are.</summary>
    public int MaxSites { get; init; } = 25;
}

/// <summary>
/// Answers a question from the corpus: structured site facts when the question names sites, a
/// country, or asks about the sites as a set; otherwise the best passage of evidence; and an
/// honest "not in the corpus" when neither holds the answer.
/// </summary>
public sealed class AnswerEngine(KnowledgeCorpus corpus, KnowledgeIndex index, EntityMatcher entities, QuestionReader reader, SiteFormatter formatter, AnswerSettings settings)
{
    // The sites and countries each evidence sentence names, found once with the question's own matcher.
    private readonly IReadOnlySet<string>[] _sentenceEntities = index.Sentences
        .Select(s => Named(entities, s.Text))
        .ToArray();

    // ... and each passage, with its section title: "How to explain this absence?" is about France
    // because its paragraph and its section ("A noted French absence") say so.
    private readonly IReadOnlySet<string>[] _passageEntities = index.Passages
        .Select(p => Named(entities, $"{p.Section} {p.Text}"))
        .ToArray();

    private static IReadOnlySet<string> Named(EntityMatcher entities, string text) =>
        entities.Match(Text.TextFolding.Words(text), _ => false).Select(m => m.Entity.Name).ToHashSet(StringComparer.Ordinal);

    private const float SubjectBoost = 0.2f;
    private const float CueBoost = 0.5f;
    private const int MaxSitesInEvidence = 8;

    // A sentence about one particular site or country the question did not name weighs less.
    private const float OffSubjectWeight = 0.8f;

    // The share of sentences above which a subject word is too common to search for.
    private const double CommonTermShare = 0.25;

    public Answer Ask(string question)
    {
        var parsed = reader.Read(question);
        if (parsed.Sites.Count > 0 || parsed.Countries.Count > 0)
        {
            return AboutEntities(parsed);
        }

        if ((parsed.Fields.Count > 0 || parsed.AsksCount || parsed.AsksList) && SiteListFilter(parsed) is { } selected)
        {
            return AboutSiteList(parsed, selected);
        }

        return FromPassages(parsed);
    }

    /// <summary>Ranked passages for search terms, with highlights; no answer is drawn from them.</summary>
    public IReadOnlyList<PassageHit> Search(string terms, int max)
    {
        var parsed = reader.Read(terms);
        var entityTerms = EntityTerms(parsed);
        return Hits(parsed, Evidence(parsed, entityTerms), entityTerms, max);
    }

    private Answer NotAnswered(ParsedQuestion q)
    {
        var unknown = q.UnknownWords.Select(w => $"\"{w.Word}\"").ToList();
        return unknown.Count == 0
            ? NotAnswered(q.Text)
            : NotAnswered(q.Text, formatter.Render(formatter.Template("unknown_terms"), null, Extras(("terms", SiteFormatter.JoinList(unknown)))));
    }

    private Answer NotAnswered(string question, string? reason = null)
    {
        var text = formatter.Template("unanswered");
        return new Answer(question, false, AnswerKind.NotAnswered, reason is null ? text : reason + " " + text, [], []);
    }

    private static Dictionary<string, string> Extras(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private readonly IReadOnlyList<SiteRecord> _firstWave = corpus.Sites.Where(s => s.Wave == corpus.Sites.Min(x => x.Wave)).ToList();

    private IReadOnlyList<SiteRecord> FirstWave => _firstWave;

    private Answer AboutEntities(ParsedQuestion q)
    {
        var parts = new List<string>();
        var sites = q.Sites.Select(s => s.Site).ToList();
        var entityTerms = EntityTerms(q);
        var evidence = Evidence(q, entityTerms);

        // With nothing but a question word to say what is asked, the topic words say it ("what is
        // the population of Finland", "who is the president of France"): answer only when a sentence
        // about the entity holds that topic.
        var onTopic = evidence.FirstOrDefault(r => r.OnSubject && Covers(r, q));
        if (q.Topic.Count > 0 && !q.HasStrongCue && onTopic is null)
        {
            return NotAnswered(q);
        }

        // A country question with a topic of its own ("France's national AI plan budget") is
        // answered by the sentence that holds it, before what the records say about the country.
        var lead = q.Sites.Count == 0 && q.Topic.Count > 0 ? onTopic : null;
        if (lead is not null)
        {
            parts.Add(lead.Sentence.Text);
        }

        // With only a field asked ("the French supercomputer"), the sentence about the country that
        // holds it follows the yes-or-no.
        var related = q.Sites.Count == 0 && q.Topic.Count == 0 && q.FieldCueWords.Count > 0
            ? evidence.FirstOrDefault(r => r.OnSubject && r.CueMatched > 0)
            : null;

        var firstWave = FirstWave;
        var waveDate = SiteFormatter.FormatDate(firstWave.Min(s => s.Announced).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        // The timeline told with a country's answer starts a year before the first selection.
        var timelineStart = firstWave.Min(s => s.Announced).AddYears(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var country in q.Countries)
        {
            var name = country.Country.Name;
            var partnerOf = corpus.Sites.Where(s => s.PartnerCountries.Contains(name, StringComparer.OrdinalIgnoreCase)).Take(settings.MaxSites).ToList();
            var extras = Extras(("country", name), ("count", firstWave.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("date", waveDate));
            if (partnerOf.Count > 0)
            {
                extras["sites"] = SiteFormatter.JoinList(partnerOf.Select(formatter.Label).ToList());
                parts.Add(formatter.Render(formatter.Template("partner"), null, extras));
                var shown = sites.Select(x => x.Id).ToHashSet(StringComparer.Ordinal);
                sites.AddRange(partnerOf.Where(p => shown.Add(p.Id)));
            }
            else
            {
                parts.Add(formatter.Render(formatter.Template(lead is null ? "not_host" : "not_host_detail"), null, extras));
                if (related is not null && !parts.Contains(related.Sentence.Text))
                {
                    parts.Add(related.Sentence.Text);
                }
            }

            var entries = corpus.FactSheet.Entries
                .Where(e => e.Date is not null && string.CompareOrdinal(e.Date, timelineStart) >= 0 && e.Countries.Contains(name, StringComparer.OrdinalIgnoreCase))
                .OrderBy(e => e.Date, StringComparer.Ordinal)
                .Select(e => $"{SiteFormatter.FormatDate(e.Date!)}: {SentenceNaming(e, country)}")
                .ToList();
            if (entries.Count > 0)
            {
                extras["entries"] = string.Join(" ", entries);
                parts.Add(formatter.Render(formatter.Template("timeline"), null, extras));
            }
        }


        var siteFields = q.Fields.Where(f => sites.Count > 0).ToList();
        if (siteFields.Count > 0)
        {
            foreach (var site in sites)
            {
                parts.AddRange(siteFields.Select(field => formatter.Render(field.Answer, site)));
            }
        }
        else if (sites.Count > 0 && q.Countries.Count == 0)
        {
            var best = evidence.FirstOrDefault();
            if (q.Topic.Count > 0 && best is not null && Covers(best, q) && SiteMentioned(best, sites))
            {
                parts.Add(best.Sentence.Text);
            }

            parts.AddRange(sites.Select(site => formatter.Render(formatter.Template("describe"), site)));
        }

        var kind = q.Sites.Count > 0 ? AnswerKind.Sites : AnswerKind.Country;
        return new Answer(q.Text, true, kind, string.Join("\n", parts), sites, Hits(q, evidence, entityTerms));
    }

    /// <summary>
    /// The sites a question about the set selects, or null when its topic words are not all values of
    /// the filterable fields (then the question is not about the sites as a set).
    /// </summary>
    private List<SiteRecord>? SiteListFilter(ParsedQuestion q)
    {
        IEnumerable<int> selected = Enumerable.Range(0, corpus.Sites.Count);
        foreach (var field in q.Fields.Where(f => f.Yes is not null))
        {
            selected = selected.Where(i => SiteFields.Values(corpus.Sites[i], field.Name) is ["yes"]).ToList();
        }

        // A topic word filters by its own stem, not its synonyms: "funding" must not select the
        // sites whose sector is "finance".
        foreach (var word in q.Topic)
        {
            var matching = formatter.Fields.Where(f => f.Filter)
                .SelectMany(f => index.SitesWithTerms(f.Name, word.Stems))
                .ToHashSet();
            if (matching.Count == 0)
            {
                return null;
            }

            selected = selected.Where(matching.Contains).ToList();
        }

        return selected.Select(i => corpus.Sites[i]).ToList();
    }

    private Answer AboutSiteList(ParsedQuestion q, List<SiteRecord> sites)
    {
        var total = FirstWave.Count;
        var filtered = sites.Count != corpus.Sites.Count;
        var extras = Extras(
            ("count", sites.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("total", total.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("sites", sites.Count == 0 ? "none" : SiteFormatter.JoinList(sites.Take(settings.MaxSites).Select(formatter.Label)
                .Concat(sites.Count > settings.MaxSites ? [$"{sites.Count - settings.MaxSites} more"] : []).ToList())));
        extras["scope"] = formatter.Render(formatter.Template(filtered ? "scope_filtered" : "scope_all"), null, extras);
        var parts = new List<string> { formatter.Render(formatter.Template(q.AsksCount ? "count" : "list"), null, extras) };
        foreach (var field in q.Fields.Where(f => f.Yes is null))
        {
            var values = sites.Take(settings.MaxSites).Select(s => formatter.Value(s, field.Name)).Distinct(StringComparer.Ordinal).ToList();
            if (values.Count == 1 && sites.Count > 1)
            {
                parts.Add(formatter.Render(formatter.Template("same_value"), null, Extras(("count", sites.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("value", values[0]))));
            }
            else
            {
                parts.AddRange(sites.Take(settings.MaxSites).Select(site => formatter.Render(field.Answer, site)));
            }
        }

        var siteTerms = sites.Count <= MaxSitesInEvidence
            ? sites.SelectMany(s => index.Terms($"{s.City} {s.Country}")).ToList()
            : [];
        var evidence = Evidence(q, siteTerms, sites.Count <= MaxSitesInEvidence ? sites.Select(s => s.Id) : null);
        return new Answer(q.Text, true, AnswerKind.SiteList, string.Join("\n", parts), sites.Take(settings.MaxSites).ToList(), Hits(q, evidence, []));
    }

    private Answer FromPassages(ParsedQuestion q)
    {
        var evidence = Evidence(q, []);
        var best = evidence.FirstOrDefault();
        if (best is null || (q.Topic.Count > 0 && !Covers(best, q)))
        {
            return NotAnswered(q);
        }

        return new Answer(q.Text, true, AnswerKind.Passage, best.Sentence.Text, [], Hits(q, evidence, []));
    }

    /// <summary>The terms of the names the question used for its entities, with each site's city and each country's name.</summary>
    /// <summary>
    /// Whether a sentence holds enough of the question's topic to answer it: at least the set share of
    /// the topic words, and more of them than the words the corpus does not know at all.
    /// </summary>
    private bool Covers(Ranked ranked, ParsedQuestion q) =>
        ranked.TopicMatched > 0
        && ranked.TopicCoverage >= settings.MinCoverage
        && ranked.TopicMatched > q.UnknownWords.Count();

    /// <summary>The first sentence of a fact sheet entry that names the country, or its title.</summary>
    private string SentenceNaming(FactEntry entry, CountryEntity country)
    {
        foreach (var sentence in Text.SentenceSplitter.Split(entry.Text))
        {
            var matches = entities.Match(Text.TextFolding.Words(sentence), _ => false);
            if (matches.Any(m => m.Entity == country))
            {
                return sentence;
            }
        }

        return entry.Title + ".";
    }

    /// <summary>
    /// Whether a sentence is about what was asked: it names one of the entities asked about, or, for
    /// a question that names none, it is not about one particular site or country.
    /// </summary>
    private bool OnSubject(Sentence sentence, IReadOnlySet<string> asked)
    {
        var names = _sentenceEntities[sentence.Ordinal];
        if (index.Passages[sentence.PassageOrdinal].SiteId is { } owner && asked.Contains(owner))
        {
            return true;
        }

        return asked.Count == 0 ? names.Count != 1 : names.Overlaps(asked) || _passageEntities[sentence.PassageOrdinal].Overlaps(asked);
    }

    private List<string> EntityTerms(ParsedQuestion q)
    {
        var terms = new List<string>();
        // Names match literally: "LUMI AIF" must not grow into every synonym of "AI Factory".
        foreach (var match in q.Matches)
        {
            terms.AddRange(index.Stems(match.Alias));
            terms.AddRange(index.Stems(match.Entity switch
            {
                SiteEntity site => $"{site.Site.City} {site.Site.Country}",
                CountryEntity country => country.Country.Name,
                _ => string.Empty,
            }));
        }

        return terms.Distinct(StringComparer.Ordinal).ToList();
    }

    private sealed record Ranked(Sentence Sentence, float Score, int TopicMatched, double TopicCoverage, int CueMatched, bool IsNote, bool OnSubject);

    /// <summary>Whether a sentence is about one of the sites: it belongs to its record or names it.</summary>
    private bool SiteMentioned(Ranked ranked, IEnumerable<SiteRecord> sites) =>
        sites.Any(site => index.Passages[ranked.Sentence.PassageOrdinal].SiteId == site.Id
            || index.Terms($"{site.City} {site.Factory}").Any(ranked.Sentence.Terms.Contains));

    /// <summary>Sentences ranked by how many of the question's topic words and entities they hold, then by score.</summary>
    private List<Ranked> Evidence(ParsedQuestion q, IReadOnlyList<string> entityTerms, IEnumerable<string>? focus = null)
    {
        // A subject word found in most sentences ("AI") ranks nothing when something else is asked,
        // and would make nearly every sentence a candidate to score: it is left out then.
        var specific = q.Topic.Count > 0 || entityTerms.Count > 0 || q.FieldCueWords.Count > 0;
        var query = q.Topic.SelectMany(t => t.Terms.Select(term => (term, 1f)))
            .Concat(entityTerms.Select(term => (term, 1f)))
            .Concat(q.FieldCueWords.SelectMany(index.Stems).Select(term => (term, CueBoost)))
            .Concat(q.SubjectWords.SelectMany(index.Terms)
                .Where(term => !specific || index.SentenceFrequency(term) <= CommonTermShare)
                .Select(term => (term, SubjectBoost)))
            .ToList();
        var hits = index.SearchSentences(query, settings.Candidates);
        var named = q.Sites.Select(s => s.Site.Id).ToHashSet(StringComparer.Ordinal);
        var asked = q.Matches.Select(m => m.Entity.Name).Concat(focus ?? []).ToHashSet(StringComparer.Ordinal);
        var cueSet = q.FieldCueWords.SelectMany(index.Stems).ToHashSet(StringComparer.Ordinal);
        return hits
            .Where(hit => index.Passages[hit.Sentence.PassageOrdinal].SiteId is not { } siteId || named.Contains(siteId))
            .Select(hit =>
            {
                var topicMatched = q.Topic.Count(t => t.Terms.Any(hit.Sentence.Terms.Contains));
                var coverage = q.Topic.Count == 0 ? 1 : (double)topicMatched / q.Topic.Count;
                var cueMatched = cueSet.Count(hit.Sentence.Terms.Contains);
                return new Ranked(hit.Sentence, hit.Score, topicMatched, coverage, cueMatched,
                    index.Passages[hit.Sentence.PassageOrdinal].SiteId is not null, OnSubject(hit.Sentence, asked));
            })
            .OrderByDescending(r => r.TopicMatched)
            .ThenBy(r => r.IsNote && r.TopicMatched == 0 && r.CueMatched == 0)
            .ThenByDescending(r => r.OnSubject ? r.Score : r.Score * OffSubjectWeight)
            .ToList();
    }

    private List<PassageHit> Hits(ParsedQuestion q, List<Ranked> ranked, IReadOnlyList<string> entityTerms, int? max = null)
    {
        var highlight = q.Topic.SelectMany(t => t.Terms)
            .Concat(entityTerms)
            .Concat(q.FieldCueWords.SelectMany(index.Stems))
            .ToHashSet(StringComparer.Ordinal);
        return ranked
            .DistinctBy(r => r.Sentence.PassageOrdinal)
            .Take(max ?? settings.MaxPassages)
            .Select(r =>
            {
                var passage = index.Passages[r.Sentence.PassageOrdinal];
                return new PassageHit(
                    passage,
                    r.Sentence.Text,
                    Highlighter.Highlight(r.Sentence.Text, index.SentenceTokens(r.Sentence.Ordinal), highlight),
                    Highlighter.Highlight(passage.Text, index.PassageTokens(passage.Ordinal), highlight),
                    r.Score);
            })
            .ToList();
    }
}
