using System.Text.RegularExpressions;
using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Ranking;
using AiFactories.Bot.Knowledge.Reading;
using AiFactories.Bot.Knowledge.Search;

namespace AiFactories.Bot.Knowledge.Answers;

/// <summary>
/// Answers from the evidence sentence that holds most of the question's topic and the kind of thing
/// it asks for (a date for "when", a figure for "how much"), shown with what it needs to stand on its
/// own; or says the sources do not hold it.
/// </summary>
internal sealed partial class PassageComposer(AnswerContext context)
{
    public void Compose(QuestionPart part, AnswerBuilder builder)
    {
        var ranker = context.Ranker;
        var evidence = ranker.Rank(part, []);
        var covering = evidence.Where(r => part.Topic.Count == 0 || ranker.Covers(r, part)).ToList();
        var best = covering.FirstOrDefault(r => Holds(part.Kind, r.Sentence));

        // "How many expressions of interest": a sentence that puts a number before the thing counted says it.
        if (part.Kind == AskedKind.Count && best is not null
            && CountedTerms(part) is var countedTerms
            && covering.FirstOrDefault(r => r.TopicMatched == best.TopicMatched && Counts(r.Sentence.Text, countedTerms)) is { } counted)
        {
            best = counted;
        }
        if (best is null || (part.Topic.Count == 0 && part.Kind is not AskedKind.None && part.SubjectWords.Count == 0 && part.FieldCueWords.Count == 0))
        {
            var unknown = part.UnknownTopic.Select(t => t.Word).Concat(part.Unknown.Select(u => u.Word)).ToList();
            if (unknown.Count > 0 || part.Topic.Count > 0)
            {
                Refusal.Refuse(part, unknown.Count > 0 ? unknown : part.Topic.Select(t => t.CorrectedFrom ?? t.Word).ToList(), builder);
            }

            return;
        }

        // "What is an AI Gigafactory?": of the sentences about the subject, one that says what it is
        // ("An AI Gigafactory is…", "AI Factories are…") defines it better than the best-scored mention.
        if (part.Kind == AskedKind.Definition && part.Topic.Count == 0 && part.Fields.Count == 0 && DefinedTerms(part) is { Count: > 0 } defined
            && !Defines(best.Sentence.Text, defined)
            && covering.FirstOrDefault(r => Defines(r.Sentence.Text, defined) && r.OtherConcept == best.OtherConcept) is { } defining)
        {
            best = defining;
        }

        var answering = covering.Where(r => r.TopicMatched == best.TopicMatched && (r.CueMatched > 0) == (best.CueMatched > 0) && r.OtherConcept == best.OtherConcept && (r.OnSubject || !best.OnSubject) && Holds(part.Kind, r.Sentence)).ToList();
        if (part.Scope == Scope.Now)
        {
            // For "now" and "so far", the latest dated sentence that answers as well as the best.
            best = answering.OrderByDescending(r => Date(r) ?? string.Empty, StringComparer.Ordinal).First();
        }
        else if (part.Kind == AskedKind.Date && WaveDateTerms(part) is { Count: > 0 } waveDate && !context.Index.SentenceTerms(best.Sentence.Ordinal).IsSupersetOf(waveDate)
            && answering.FirstOrDefault(r => context.Index.SentenceTerms(r.Sentence.Ordinal).IsSupersetOf(waveDate) && r.Score >= best.Score * 0.8f) is { } onWaveDate)
        {
            // "When" about one wave ("the first ones", "de första"): a sentence that names the wave's
            // date and answers as well as the best is about that wave, whatever words the question used.
            best = onWaveDate;
        }
        else if (part.Scope == Scope.Unscoped && best.TopicMatched > 0 && answering.FirstOrDefault(r => IsDocument(r) && (r.OnSubject || !best.OnSubject) && r.Score >= best.Score * 0.8f) is { } fromDocument)
        {
            // The seed article stays the main document: the questions it raises are answered from it.
            best = fromDocument;
        }

        var say = builder.Say;
        var passage = context.Index.Passages[best.Sentence.PassageOrdinal];
        var text = context.Resolve(best.Sentence, say);
        builder.Add(text, builder.Passage(passage));

        // "What is X" is told by the two best passages about X, not one sentence.
        if (part.Kind == AskedKind.Definition && part.Fields.Count == 0
            && answering.FirstOrDefault(r => r.Sentence.PassageOrdinal != best.Sentence.PassageOrdinal && r.Score >= best.Score * 0.7f) is { } second)
        {
            builder.Add(context.Resolve(second.Sentence, say), builder.Passage(context.Index.Passages[second.Sentence.PassageOrdinal]));
        }

        // The article's own answer beside today's, for "in total" and "so far" questions it answered at the time.
        if (part.Scope == Scope.Now && !IsDocument(best) && answering.FirstOrDefault(IsDocument) is { } original)
        {
            builder.Add(context.Resolve(original.Sentence, say), builder.Passage(context.Index.Passages[original.Sentence.PassageOrdinal]));
        }

        // Today's facts beside the article's, where a later dated sentence answers as well.
        if (part.Scope == Scope.Unscoped && IsDocument(best) && passage.Source.Date is { } documentDate
            && answering.Where(r => !IsDocument(r) && r.OnSubject && !r.OtherConcept && r.Score >= best.Score * 0.6f && string.CompareOrdinal(Date(r), documentDate) > 0).MaxBy(r => Date(r)) is { } later)
        {
            builder.Add(context.Resolve(later.Sentence, say), builder.Passage(context.Index.Passages[later.Sentence.PassageOrdinal]));
        }

        builder.Show(ranker.Hits(part, [best, .. evidence.Where(r => r != best)], [], context.Settings.MaxPassages));
        builder.Done(AnswerKind.Passage);
    }

    /// <summary>The terms of the date of the one wave a question is about, as the sources write it; none for another question.</summary>
    private List<string> WaveDateTerms(QuestionPart part) =>
        context.Waves.DateOf(part) is { } date ? context.Index.Terms(date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)) : [];

    private string? Date(RankedSentence ranked) => context.Index.Passages[ranked.Sentence.PassageOrdinal].Source.Date;

    private bool IsDocument(RankedSentence ranked) =>
        context.Index.Passages[ranked.Sentence.PassageOrdinal].Source.Kind is not ("fact sheet" or "site record");

    /// <summary>Whether a sentence holds the kind of thing asked for: a date for "when", a figure for "how much" and "how many".</summary>
    // Whether a sentence holds a date, an amount or a number never changes: matched once per sentence.
    private bool Holds(AskedKind kind, Search.Sentence sentence) => kind switch
    {
        AskedKind.Date => _holdsDate[sentence.Ordinal],
        AskedKind.Amount => _holdsAmount[sentence.Ordinal],
        AskedKind.Count => _holdsNumber[sentence.Ordinal],
        _ => true,
    };

    private readonly Text.OnDemandTable<bool> _holdsDate = new(context.Index.Sentences.Count, s => DatePattern().IsMatch(context.Index.Sentences[s].Text));
    private readonly Text.OnDemandTable<bool> _holdsAmount = new(context.Index.Sentences.Count, s => AmountPattern().IsMatch(context.Index.Sentences[s].Text));
    private readonly Text.OnDemandTable<bool> _holdsNumber = new(context.Index.Sentences.Count, s => NumberPattern().IsMatch(context.Index.Sentences[s].Text));

    /// <summary>
    /// What a "how many" counts, found once per question: the topic's stems, or with no topic word
    /// the subject ("how many AI Gigafactories") by its terms (with their synonyms: "Gigafabriken"
    /// counts "gigafactories") that are not in most sentences ("gigafactories", not "AI").
    /// </summary>
    private HashSet<string> CountedTerms(QuestionPart part) =>
        part.Topic.Count > 0
            ? part.Topic.SelectMany(t => t.Stems).ToHashSet(StringComparer.Ordinal)
            : part.SubjectWords.SelectMany(context.Index.Terms)
                .Where(term => context.Index.SentenceFrequency(term) <= context.Ranker.Settings.CommonTermShare)
                .ToHashSet(StringComparer.Ordinal);

    /// <summary>The terms of what a "what is" asks about: its subject words, and the kind asked about as the sources (English) name it ("usine d'IA" is an AI Factory).</summary>
    private HashSet<string> DefinedTerms(QuestionPart part)
    {
        var subject = part.SubjectWords.SelectMany(context.Index.Terms).Where(term => term != "ai").ToHashSet(StringComparer.Ordinal);
        var kind = part.AboutGigafactories ? "gigafactory" : part.SiteKind == SiteKinds.Antenna ? "antenna" : part.SiteKind == SiteKinds.Factory ? "factory" : null;
        if (kind is not null)
        {
            subject.UnionWith(context.Index.Stems(kind));
        }

        return subject;
    }

    /// <summary>Whether a number stands right before one of the question's topic words ("76 expressions", "seven EU Member States").</summary>
    private bool Counts(string sentence, HashSet<string> topic)
    {
        var words = Text.TextFolding.Words(sentence);
        for (var i = 0; i < words.Count - 1; i++)
        {
            if (NumberPattern().IsMatch(words[i]) && Enumerable.Range(i + 1, Math.Min(3, words.Count - i - 1)).Any(j => context.Index.Stems(words[j]).Any(topic.Contains)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a sentence says what the question's subject is: a word of the subject (in any language,
    /// through its synonyms) right before "is" or "are", followed by what it is rather than by what is
    /// done to it ("are to be procured", "is expected").
    /// </summary>
    private bool Defines(string sentence, HashSet<string> subject)
    {
        var words = Text.TextFolding.Words(sentence);
        for (var i = 0; i < words.Count - 1; i++)
        {
            if (words[i + 1] is "is" or "are" && context.Index.Stems(words[i]).Any(subject.Contains)
                && (i + 2 >= words.Count || words[i + 2] is "described" or "defined" || !(words[i + 2] is "to" or "not" || words[i + 2].EndsWith("ed", StringComparison.Ordinal))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Ranked passages for search terms, with highlights; no answer is drawn from them.</summary>
    public IReadOnlyList<PassageHit> Search(QuestionPart part, int max)
    {
        var ranker = context.Ranker;
        var entityTerms = ranker.EntityTerms(part);
        return ranker.Hits(part, ranker.Rank(part, entityTerms), entityTerms, max);
    }

    [GeneratedRegex(@"\b(1[89]|20)\d\d\b|\b\d{1,2}\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|\b(January|February|March|April|May|June|July|August|September|October|November|December)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\b(EUR|euros?|billions?|millions?|bn|CZK|PLN|GBP|ISK|USD|double|twice|triple|half|times)\b|€|%", RegexOptions.IgnoreCase)]
    private static partial Regex AmountPattern();

    [GeneratedRegex(@"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|nineteen|twenty|hundred|thousand|million|billion|half|double)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NumberPattern();
}
