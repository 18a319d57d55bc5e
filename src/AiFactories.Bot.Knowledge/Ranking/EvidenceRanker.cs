using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Reading;
using AiFactories.Bot.Knowledge.Search;
using AiFactories.Bot.Knowledge.Text;

namespace AiFactories.Bot.Knowledge.Ranking;

/// <summary>A sentence of evidence as ranked for a question.</summary>
internal sealed record RankedSentence(Sentence Sentence, float Score, int TopicMatched, double TopicCoverage, int CueMatched, bool IsNote, bool OnSubject)
{
    /// <summary>Whether the sentence is about another thing than the question (AI Gigafactories for AI Factories, or the reverse).</summary>
    public bool OtherConcept { get; init; }
}

/// <summary>
/// Ranks the evidence sentences for a question: BM25 over its topic words, the names it used and
/// its field cues, then re-ranked by topic coverage and by whether a sentence is about what was asked.
/// </summary>
internal sealed class EvidenceRanker
{
    private readonly KnowledgeIndex _index;
    private readonly RankingSettings _settings;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, List<string>> _namingTerms = new(StringComparer.Ordinal);

    // The sites and countries each evidence sentence names, found once with the question's own matcher.
    private readonly OnDemandTable<IReadOnlySet<string>> _sentenceEntities;
    private readonly OnDemandTable<IReadOnlySet<string>> _sentencePlaces;

    // ... and each passage, with its section title: "How to explain this absence?" is about France
    // because its paragraph and its section ("A noted French absence") say so.
    private readonly OnDemandTable<IReadOnlySet<string>> _passageEntities;

    // The words of "AI Gigafactory" in every language: a different thing from an AI Factory.
    private readonly IReadOnlySet<string> _gigafactoryTerms;

    // Whether each sentence holds one of them: asked of every candidate of every question.
    private readonly OnDemandTable<bool> _aboutGigafactories;

    // The waves' dates as sources write dates (yyyy-MM-dd).
    private readonly HashSet<string> _waveDates;

    private static string SourceDate(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <param name="index">The index the sentences come from.</param>
    /// <param name="entities">The matcher that finds the sites and countries a sentence names.</param>
    /// <param name="settings">The ranking weights.</param>
    /// <param name="gigafactoryWords">The words for "AI Gigafactory" in every language.</param>
    /// <param name="factoryWords">The words for "AI Factory": those a gigafactory phrase shares ("giga factory") tell nothing apart.</param>
    /// <param name="waves">The waves of AI Factories.</param>
    public EvidenceRanker(KnowledgeIndex index, EntityMatcher entities, RankingSettings settings, IEnumerable<string> gigafactoryWords, IEnumerable<string> factoryWords, NetworkWaves waves)
    {
        _index = index;
        Waves = waves;
        _waveDates = waves.All.Select(w => SourceDate(w.Date)).ToHashSet(StringComparer.Ordinal);
        _settings = settings;
        var shared = factoryWords.SelectMany(index.Stems).Append("ai").ToHashSet(StringComparer.Ordinal);
        _gigafactoryTerms = gigafactoryWords.SelectMany(index.Stems).Where(t => !shared.Contains(t)).ToHashSet(StringComparer.Ordinal);
        _aboutGigafactories = new(index.Sentences.Count, s => _gigafactoryTerms.Overlaps(index.SentenceTerms(s)));
        _sentenceEntities = new(index.Sentences.Count, s => Named(entities, index.Sentences[s].Text));
        _sentencePlaces = new(index.Sentences.Count, s => Places(entities, index.Sentences[s].Text));
        _passageEntities = new(index.Passages.Count, p => Named(entities, $"{index.Passages[p].Section} {index.Passages[p].Text}"));
    }

    public RankingSettings Settings => _settings;

    public NetworkWaves Waves { get; }

    private static IReadOnlySet<string> Named(EntityMatcher entities, string text) =>
        entities.Match(TextFolding.Words(text), _ => false).Select(m => m.Entity.Name).ToHashSet(StringComparer.Ordinal);

    // The countries each evidence sentence is about: a site counts as its country, so that "France"
    // and France's own factory are one place, not two.
    private static IReadOnlySet<string> Places(EntityMatcher entities, string text) =>
        entities.Match(TextFolding.Words(text), _ => false)
            .Select(m => m.Entity is SiteEntity site ? site.Site.Country : m.Entity.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The terms of the names the question used for its entities, with each site's city and each country's name.</summary>
    public List<string> EntityTerms(QuestionPart q)
    {
        var terms = new List<string>();
        // Names match literally: "LUMI AIF" must not grow into every synonym of "AI Factory".
        foreach (var match in q.Matches)
        {
            terms.AddRange(_index.Stems(match.Alias));
            terms.AddRange(_index.Stems(match.Entity switch
            {
                SiteEntity site => $"{site.Site.City} {site.Site.Country}",
                CountryEntity country => country.Country.Name,
                _ => string.Empty,
            }));
        }

        return terms.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The terms of the places of the sites an answer lists, when there are few enough of them to rank by.</summary>
    public List<string> SiteTerms(IReadOnlyList<SiteRecord> sites) =>
        sites.Count <= _settings.MaxSitesInEvidence
            ? sites.SelectMany(s => _index.Terms($"{s.City} {s.Country}")).ToList()
            : [];

    /// <summary>
    /// Whether a sentence holds enough of the question's topic to answer it: at least the set share of
    /// the topic words, and more of them than the words the corpus does not know at all.
    /// </summary>
    public bool Covers(RankedSentence ranked, QuestionPart q) =>
        ranked.TopicMatched > 0
        && ranked.TopicCoverage >= _settings.MinCoverage
        && ranked.TopicMatched > q.UnknownTopic.Count();

    /// <summary>Whether a sentence is about one of the sites: it belongs to its record or names it.</summary>
    public bool MentionsSite(RankedSentence ranked, IEnumerable<SiteRecord> sites) =>
        sites.Any(site => _index.Passages[ranked.Sentence.PassageOrdinal].SiteId == site.Id
            || NamingTerms(site).Any(_index.SentenceTerms(ranked.Sentence.Ordinal).Contains));

    // A site's city, name and system as analyzed terms, made once per site rather than for every sentence checked.
    private List<string> NamingTerms(SiteRecord site) =>
        _namingTerms.GetOrAdd(site.Id, static (_, state) => state.Index.Terms($"{state.Site.City} {state.Site.Name} {state.Site.System}"), (Index: _index, Site: site));

    /// <summary>
    /// Sentences ranked by how many of the question's topic words and entities they hold, then by score;
    /// <paramref name="focus"/> holds the ids of the sites asked about (compared ordinally; see AnswerContext.IdsOf).
    /// </summary>
    public List<RankedSentence> Rank(QuestionPart q, IReadOnlyList<string> entityTerms, IReadOnlySet<string>? focus = null)
    {
        // A subject word found in most sentences ("AI") ranks nothing when something else is asked,
        // and would make nearly every sentence a candidate to score: it is left out then.
        var specific = q.Topic.Count > 0 || entityTerms.Count > 0 || q.FieldCueWords.Count > 0;
        var subjectBoost = specific ? _settings.SubjectBoost : 1f;
        var query = q.Topic.Select(t => (t.Terms, 1f))
            .Concat(entityTerms.Select(term => ((IReadOnlyList<string>)[term], 1f)))
            .Concat(q.FieldCueWords.Select(word => ((IReadOnlyList<string>)_index.Stems(word), _settings.CueBoost)))
            .Concat(q.SubjectWords.Select(word => ((IReadOnlyList<string>)_index.Terms(word)
                    .Where(term => !specific || _index.SentenceFrequency(term) <= _settings.CommonTermShare).ToList(), subjectBoost)))
            .ToList();
        var named = q.Sites.Select(s => s.Site.Id).ToHashSet(StringComparer.Ordinal);
        var hits = _index.SearchSentences(query, _settings.Candidates, named);
        // The names asked about, and the sites in focus apart: a set of a country's thousands of site
        // ids, made once by the caller, is not copied into a new one for every answer.
        var asked = q.Matches.Select(m => m.Entity.Name).ToHashSet(StringComparer.Ordinal);
        var cueSet = q.FieldCueWords.SelectMany(_index.Stems).ToHashSet(StringComparer.Ordinal);

        // The subject's own words, even the common ones left out of the search, tell an "AI Factories"
        // sentence from an "AI Gigafactories" one: each one a sentence holds adds a little to its score.
        var subjectSet = q.SubjectWords.SelectMany(_index.Stems).ToHashSet(StringComparer.Ordinal);
        // A question about one wave leans towards what is dated to that wave, and away from what is
        // dated to another ("how much did the first wave cost" is not answered by the third wave's investment).
        var waveDate = Waves.DateOf(q) is { } date ? SourceDate(date) : null;
        var topicGroups = q.Topic.Count >= 64 ? ulong.MaxValue : (1UL << q.Topic.Count) - 1;
        var ranked = new List<RankedSentence>(hits.Count);
        foreach (var hit in hits)
        {
            // The search kept site records' sentences to the sites named: no other site's record is here.
            var passage = _index.Passages[hit.Sentence.PassageOrdinal];
            var terms = _index.SentenceTerms(hit.Sentence.Ordinal);
            // The topic words are the query's first groups: the search says which of them a sentence holds.
            var topicMatched = q.Topic.Count <= 64 ? System.Numerics.BitOperations.PopCount(hit.Groups & topicGroups) : TopicMatched(q, terms);

            var coverage = q.Topic.Count == 0 ? 1 : (double)topicMatched / q.Topic.Count;
            var cueMatched = Matched(cueSet, terms);
            var subjectShare = subjectSet.Count == 0 ? 0 : (float)Matched(subjectSet, terms) / subjectSet.Count;
            var gigafactory = _aboutGigafactories[hit.Sentence.Ordinal];
            var otherConcept = gigafactory != q.AboutGigafactories && (q.AboutGigafactories || subjectSet.Count > 0);
            var mismatch = otherConcept ? _settings.OtherConceptWeight : 1f;

            // The seed article stays the main document: a question that does not say "now" or name a
            // wave leans towards it.
            var seed = q.Scope == Scope.Unscoped && !q.AboutGigafactories && passage.Source.Kind is not ("fact sheet" or "site record") ? _settings.DocumentBoost : 1f;
            mismatch *= seed;
            if (waveDate is not null && passage.Source.Date is { } dated && _waveDates.Contains(dated))
            {
                mismatch *= dated == waveDate ? _settings.WaveBoost : _settings.OtherConceptWeight;
            }

            ranked.Add(new RankedSentence(hit.Sentence, hit.Score * (1 + (_settings.SubjectBonus * subjectShare)) * mismatch, topicMatched, coverage, cueMatched,
                passage.SiteId is not null, OnSubject(hit.Sentence, asked, focus))
            {
                OtherConcept = otherConcept,
            });
        }

        // Most topic words first, then most cue words, sentences that stand alone, notes that match
        // something, sentences about the subject, and score; equal ones keep the search's order.
        var order = new int[ranked.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var offSubjectWeight = _settings.OffSubjectWeight;
        Array.Sort(order, (x, y) =>
        {
            var a = ranked[x];
            var b = ranked[y];
            var c = b.TopicMatched.CompareTo(a.TopicMatched);
            c = c != 0 ? c : b.CueMatched.CompareTo(a.CueMatched);
            c = c != 0 ? c : a.Sentence.Borrows.CompareTo(b.Sentence.Borrows);
            c = c != 0 ? c : EmptyNote(a).CompareTo(EmptyNote(b));
            c = c != 0 ? c : b.OnSubject.CompareTo(a.OnSubject);
            c = c != 0 ? c : Weighted(b).CompareTo(Weighted(a));
            return c != 0 ? c : x.CompareTo(y);
        });

        var sorted = new List<RankedSentence>(order.Length);
        foreach (var i in order)
        {
            sorted.Add(ranked[i]);
        }

        return sorted;

        static bool EmptyNote(RankedSentence r) => r.IsNote && r.TopicMatched == 0 && r.CueMatched == 0;

        float Weighted(RankedSentence r) => r.OnSubject ? r.Score : r.Score * offSubjectWeight;
    }

    /// <summary>How many of the question's topic words a sentence holds (in one of their terms).</summary>
    private static int TopicMatched(QuestionPart q, IReadOnlySet<string> terms)
    {
        var matched = 0;
        foreach (var topic in q.Topic)
        {
            foreach (var term in topic.Terms)
            {
                if (terms.Contains(term))
                {
                    matched++;
                    break;
                }
            }
        }

        return matched;
    }

    private static int Matched(HashSet<string> words, IReadOnlySet<string> terms)
    {
        var count = 0;
        foreach (var word in words)
        {
            if (terms.Contains(word))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Whether a sentence is about what was asked: it names one of the entities asked about, or, for
    /// a question that names none, it is not about one particular site or country.
    /// </summary>
    private bool OnSubject(Sentence sentence, IReadOnlySet<string> asked, IReadOnlySet<string>? focused)
    {
        var names = _sentenceEntities[sentence.Ordinal];
        if (_index.Passages[sentence.PassageOrdinal].SiteId is { } owner && (asked.Contains(owner) || focused?.Contains(owner) == true))
        {
            return true;
        }

        if (asked.Count == 0 && (focused is null || focused.Count == 0))
        {
            return _sentencePlaces[sentence.Ordinal].Count != 1;
        }

        var entities = _passageEntities[sentence.PassageOrdinal];
        return Sets.Share(names, asked) || Sets.Share(entities, asked)
            || (focused is not null && (Sets.Share(names, focused) || Sets.Share(entities, focused)));
    }

    /// <summary>The best sentence of each of the top passages, with the question's terms in bold.</summary>
    public List<PassageHit> Hits(QuestionPart q, List<RankedSentence> ranked, IReadOnlyList<string> entityTerms, int max)
    {
        var highlight = q.Topic.SelectMany(t => t.Terms)
            .Concat(entityTerms)
            .Concat(q.FieldCueWords.SelectMany(_index.Stems))
            .ToHashSet(StringComparer.Ordinal);
        return ranked
            .DistinctBy(r => r.Sentence.PassageOrdinal)
            .Take(max)
            .Select(r =>
            {
                var passage = _index.Passages[r.Sentence.PassageOrdinal];
                return new PassageHit(
                    passage,
                    r.Sentence.Text,
                    () => Highlighter.Highlight(r.Sentence.Text, _index.SentenceTokens(r.Sentence.Ordinal), highlight),
                    () => Highlighter.Highlight(passage.Text, _index.PassageTokens(passage.Ordinal), highlight),
                    r.Score);
            })
            .ToList();
    }
}
