using AiFactories.Bot.Knowledge.Corpus;

namespace AiFactories.Bot.Knowledge.Reading;

/// <summary>Reading one part of a question: what it asks, about what, with which conditions.</summary>
internal sealed partial class QuestionReader
{
    /// <summary>The asked kinds from the most telling: "how many" outweighs "which", "who" outweighs "what is".</summary>
    private static readonly (Role Role, AskedKind Kind)[] KindOrder =
    [
        (Role.Count, AskedKind.Count), (Role.Amount, AskedKind.Amount), (Role.Reason, AskedKind.Reason),
        (Role.Date, AskedKind.Date), (Role.Place, AskedKind.Place), (Role.Organisation, AskedKind.Organisation),
        (Role.List, AskedKind.List), (Role.Definition, AskedKind.Definition), (Role.Choice, AskedKind.Choice),
    ];

    /// <summary>Kinds whose word is followed by what is asked for ("how many CPU cores", "which sectors"), not by a verb ("who runs").</summary>
    private const Role Determiners = Role.Count | Role.Amount | Role.Choice | Role.Definition | Role.List;

    private QuestionPart ReadPart(List<string> allWords, List<string> allTyped, int start, int end, List<EntityMatch> allEntities, List<PhraseMatch> allPhrases)
    {
        var words = allWords.GetRange(start, end - start);
        var entities = allEntities.Where(m => m.Start >= start && m.Start < end).Select(m => m with { Start = m.Start - start }).ToList();
        var phrases = allPhrases.Where(p => p.Start >= start && p.Start < end).Select(p => p with { Start = p.Start - start }).ToList();
        var roles = new Role[words.Count];
        var isName = new bool[words.Count];
        foreach (var match in entities)
        {
            Array.Fill(isName, true, match.Start, match.Length);
        }

        foreach (var phrase in phrases)
        {
            Array.Fill(roles, phrase.Phrase.Roles, phrase.Start, phrase.Length);
        }

        var all = phrases.Aggregate(Role.None, (r, p) => r | p.Phrase.Roles);
        var negations = phrases.Where(p => (p.Phrase.Roles & Role.Negation) != 0).Select(p => p.Start + p.Length - 1).ToList();

        // A negation applies to what it comes before: the next word that is not an article, a filler
        // or the subject ("don't get a brand new machine", "have no partner countries").
        bool NegatedAt(int position) => negations.Any(n => n < position && Enumerable.Range(n + 1, position - n - 1)
            .All(i => !isName[i] && (_stopWords.Contains(words[i]) || (roles[i] & (Role.Filler | Role.Subject | Role.Factory | Role.Antenna | Role.YesNo)) != 0 || (roles[i] != Role.None && (roles[i] & (Role.Field | Role.AskedKind)) == 0) || words[i].Length == 1)));

        var kind = KindOrder.FirstOrDefault(k => (all & k.Role) != 0).Kind;
        var firstSignificant = phrases.FirstOrDefault(p => (p.Phrase.Roles & (Role.Filler | Role.And)) == 0 || (p.Phrase.Roles & Role.YesNo) != 0);
        var firstPosition = Enumerable.Range(0, words.Count).FirstOrDefault(i => isName[i] || roles[i] == Role.None || (roles[i] & (Role.Filler | Role.And)) == 0 || (roles[i] & Role.YesNo) != 0);
        if (firstSignificant is not null && firstSignificant.Start == firstPosition && (firstSignificant.Phrase.Roles & Role.YesNo) != 0
            && (firstSignificant.Phrase.Roles & Role.AskedKind) == 0 && kind is AskedKind.None or AskedKind.Choice or AskedKind.Definition)
        {
            kind = AskedKind.YesNo;
        }
        else if (kind == AskedKind.None && phrases.FirstOrDefault(p => (p.Phrase.Roles & Role.YesNo) != 0) is { } cue
            && (cue.Phrase.Roles & Role.AskedKind) == 0 && cue.Start > 0 && isName[cue.Start - 1]
            && Enumerable.Range(0, cue.Start).All(i => isName[i] || (i == 0 && (words[i].Length == 1 || _stopWords.Contains(words[i])))))
        {
            // One name first (an article before it at most), then the verb, and no question word:
            // "L'Espagne a-t-elle une AI Factory ?", "Portugal tem uma AI Factory?", "Germany has an AI Factory?".
            kind = AskedKind.YesNo;
        }

        var fieldPhrases = phrases.Where(p => (p.Phrase.Roles & Role.Field) != 0).ToList();
        var fields = fieldPhrases.SelectMany(p => p.Phrase.Fields.Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        var strongCue = fieldPhrases.Any(p => (p.Phrase.Roles & (Role.AskedKind | Role.YesNo)) == 0);

        // A bare "what" or "what is" with only a money word ("what do the factories cost", "what is
        // the budget") asks for an amount.
        if (kind is AskedKind.Choice or AskedKind.Definition && strongCue && fields is [SiteFields.Budget])
        {
            kind = AskedKind.Amount;
        }

        // Field cues and the words of a wave ("second wave") also rank the evidence.
        var cueWords = fieldPhrases.Concat(phrases.Where(p => (p.Phrase.Roles & (Role.FirstWave | Role.SecondWave | Role.ThirdWave)) != 0))
            .SelectMany(p => words.GetRange(p.Start, p.Length)).Distinct(StringComparer.Ordinal).ToList();

        string? siteKind = (all & Role.Antenna) != 0 ? SiteKinds.Antenna : (all & Role.Factory) != 0 ? SiteKinds.Factory : null;
        var scope = Scope.Unscoped;
        var scopeNegated = false;
        foreach (var phrase in phrases)
        {
            var roleScope = (phrase.Phrase.Roles & Role.FirstWave) != 0 ? Scope.FirstWave
                : (phrase.Phrase.Roles & Role.SecondWave) != 0 ? Scope.SecondWave
                : (phrase.Phrase.Roles & Role.ThirdWave) != 0 ? Scope.ThirdWave
                : (phrase.Phrase.Roles & Role.Now) != 0 ? Scope.Now
                : Scope.Unscoped;
            if (roleScope != Scope.Unscoped && (scope is Scope.Unscoped or Scope.Now))
            {
                scope = roleScope;
                scopeNegated = roleScope != Scope.Now && NegatedAt(phrase.Start);
            }
        }

        var filters = new List<Filter>();
        foreach (var phrase in fieldPhrases)
        {
            foreach (var name in phrase.Phrase.Fields)
            {
                var field = SiteFields.Get(name);
                if (field.Filter && (field.Type == FieldType.YesNo || (field.IsCountable && NegatedAt(phrase.Start))))
                {
                    filters.Add(new Filter(name, NegatedAt(phrase.Start)));
                }
            }
        }

        var comparison = (all & Role.Most) != 0 ? 1 : (all & Role.Least) != 0 ? -1 : 0;
        var topic = new List<TopicWord>();
        var subject = phrases.Where(p => (p.Phrase.Roles & (Role.Subject | Role.Factory | Role.Antenna | Role.Gigafactory)) != 0).SelectMany(p => words.GetRange(p.Start, p.Length)).ToList();
        var unknown = new List<(string Word, int Position)>();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (isName[i] || roles[i] != Role.None || word.Length == 1 || _stopWords.Contains(word))
            {
                continue;
            }

            // A word between an article and the words that name the factories describes them ("the new
            // AI Factories"); it does not ask for anything.
            if (i + 1 < words.Count && (roles[i + 1] & (Role.Factory | Role.Antenna)) != 0 && (roles[i + 1] & Role.Field) == 0
                && (i == 0 || _stopWords.Contains(words[i - 1])))
            {
                subject.Add(word);
                continue;
            }

            if (ReadTopicWord(word, i) is { } topicWord)
            {
                if (topicWord.Known)
                {
                    if (topic.All(t => t.Word != topicWord.Word))
                    {
                        topic.Add(topicWord with { Negated = NegatedAt(i) });
                    }
                }
                else
                {
                    unknown.Add((allTyped[start + i], i));
                }
            }
        }

        // A strong field cue ("funding", "investment") or a wave ("the third wave") is also what a passage must be about.
        foreach (var phrase in fieldPhrases.Where(p => (p.Phrase.Roles & (Role.AskedKind | Role.YesNo | Role.Filler)) == 0)
            .Concat(phrases.Where(p => (p.Phrase.Roles & (Role.FirstWave | Role.SecondWave | Role.ThirdWave)) != 0)))
        {
            foreach (var position in Enumerable.Range(phrase.Start, phrase.Length))
            {
                if (ReadTopicWord(words[position], position) is { Known: true } cue && topic.All(t => t.Word != cue.Word) && !_stopWords.Contains(cue.Word))
                {
                    topic.Add(cue with { FromCue = true });
                }
            }
        }

        // "Combien coûtent les AI Factories ?": how much, with nothing else to say of what, is money.
        if (kind == AskedKind.Amount && topic.Count == 0 && fields.Count == 0 && unknown.Count == 0
            && ReadTopicWord(SiteFields.Budget, -1) is { Known: true } money)
        {
            topic.Add(money with { FromCue = true });
        }

        var focus = InFocus(words, roles, isName, topic.Where(t => !t.FromCue).ToList(), unknown);
        bool StrongCueAt(int i) => i >= 0 && i < words.Count && (roles[i] & Role.Field) != 0 && (roles[i] & (Role.AskedKind | Role.YesNo | Role.Filler)) == 0;
        bool StopAt(int i) => i >= 0 && i < words.Count && roles[i] == Role.None && _stopWords.Contains(words[i]);

        // "the hardware vendor", "price per GPU": a topic word joined to a field cue, or with one small word between.
        var compound = topic.Any(t => !t.FromCue && (StrongCueAt(t.Position - 1) || StrongCueAt(t.Position + 1)
            || (StopAt(t.Position - 1) && StrongCueAt(t.Position - 2)) || (StopAt(t.Position + 1) && StrongCueAt(t.Position + 2))));
        var sites = entities.Select(m => m.Entity).OfType<SiteEntity>().DistinctBy(s => s.Ordinal).ToList();
        var countries = entities.Select(m => m.Entity).OfType<CountryEntity>().DistinctBy(c => c.Name).ToList();
        return new QuestionPart(
            string.Join(' ', words), words, entities, sites, countries, kind, fields, siteKind, scope, scopeNegated, filters, comparison,
            topic, subject, cueWords, unknown.Select(u => new UnknownWord(u.Word, u.Position, focus.Contains(u.Position))).ToList(), strongCue, negations.Count > 0)
        {
            AboutGigafactories = (all & Role.Gigafactory) != 0,
            CompoundTopic = compound,
            Typed = allTyped.GetRange(start, end - start),
        };
    }

    /// <summary>
    /// The unknown words that are what the question asks about, so that the corpus cannot answer it:
    /// right after "how many", "which" or "what is the" ("how many CPU cores", "what is the
    /// population"), joined to a known word of the topic or a field ("price per GPU hour"), three or
    /// more of them, or the whole question. Others ("roughly", "alongside", the verb after "who" as in
    /// "chi dirige") ask for nothing and are ignored.
    /// </summary>
    private HashSet<int> InFocus(List<string> words, Role[] roles, bool[] isName, List<TopicWord> topic, List<(string Word, int Position)> unknown)
    {
        var focus = new HashSet<int>();
        if (unknown.Count == 0)
        {
            return focus;
        }

        var unknownAt = unknown.Select(u => u.Position).ToHashSet();
        var topicAt = topic.Select(t => t.Position).ToHashSet();
        bool Meaningful(int i) => isName[i] || topicAt.Contains(i) || unknownAt.Contains(i) || (roles[i] & (Role.Field | Role.AskedKind | Role.Most | Role.Least)) != 0;
        bool Joined(int i) => i >= 0 && i < words.Count && (topicAt.Contains(i) || ((roles[i] & Role.Field) != 0 && (roles[i] & (Role.AskedKind | Role.YesNo | Role.Filler)) == 0));
        if (!Enumerable.Range(0, words.Count).Any(i => Meaningful(i) && !unknownAt.Contains(i)) || unknown.Count >= 3)
        {
            focus.UnionWith(unknownAt);
            return focus;
        }

        // Names and two or more unknown words, and nothing that asks ("weather in Kajaani tomorrow",
        // "Wetter morgen in Jülich"): the unknown words are what is asked, not a way of asking about the site.
        if (unknown.Count >= 2 && Enumerable.Range(0, words.Count).All(i => isName[i] || unknownAt.Contains(i) || !Meaningful(i))
            && !Enumerable.Range(0, words.Count).Any(i => (roles[i] & (Role.AskedKind | Role.YesNo | Role.Subject | Role.Factory | Role.Antenna)) != 0))
        {
            focus.UnionWith(unknownAt);
            return focus;
        }

        foreach (var position in unknownAt.Order())
        {
            // After "how many", "which", "what is the", skipping articles and the subject's own words;
            // but after the words for AI Factories or antennas themselves ("welche Fabriken kamen…"),
            // what they ask for is the sites, and the unknown word says something of them.
            for (var j = position - 1; j >= 0 && position - j <= 3; j--)
            {
                if ((roles[j] & (Role.Factory | Role.Antenna)) != 0 && (roles[j] & Role.Field) == 0)
                {
                    break;
                }

                if ((roles[j] & Determiners) != 0 && (roles[j] & Role.Field) == 0)
                {
                    focus.Add(position);
                    break;
                }

                if (Meaningful(j) || (roles[j] & (Role.Place | Role.Organisation | Role.Date | Role.Reason)) != 0)
                {
                    break;
                }
            }

            // A word after "which sectors", "quels secteurs" is the verb of the question ("welche Sektoren
            // deckt IT4LIA ab"), not a word joined to the cue.
            // The determiner may be the first word of the cue phrase itself (Lithuanian "kokiems sektoriams").
            var afterAskedCue = position >= 2
                && (((roles[position - 2] & Determiners) != 0 && (roles[position - 2] & Role.Field) == 0)
                    || (_lexicon.Word(words[position - 2]) is { } before && (before.Roles & Determiners) != 0));
            if ((Joined(position - 1) && !afterAskedCue) || Joined(position + 1) || focus.Contains(position - 1))
            {
                focus.Add(position);
            }
        }

        return focus;
    }
}
