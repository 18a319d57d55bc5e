using System.Globalization;
using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Languages;
using AiFactories.Bot.Knowledge.Search;
using AiFactories.Bot.Knowledge.Text;

namespace AiFactories.Bot.Knowledge.Reading;

/// <summary>
/// Reads a question in any of the languages the bot knows: the text is normalised, names of sites and
/// countries are found first (longest name wins, inflected endings and typos forgiven), then every
/// language's words for what is asked (a place, an organisation, a date, an amount, a count, a list, a
/// reason, yes or no), field cues, negations and scope words. What is left is the topic, checked
/// against the corpus vocabulary. A question of several questions is split into parts.
/// </summary>
internal sealed partial class QuestionReader
{
    /// <summary>Words read at most; the rest of a very long question is ignored.</summary>
    public const int MaxWords = 120;

    /// <summary>Parts answered at most in one question.</summary>
    public const int MaxParts = 3;

    private readonly KnowledgeIndex _index;
    private readonly EntityMatcher _entities;
    private readonly Lexicon _lexicon;
    private readonly StopWords _stopWords;
    private readonly LanguageDetector _detector;
    // Lexicon words by length and first two letters, the only ones a typo of them is compared with.
    private readonly Dictionary<string, List<string>> _lexiconWordsByLength;

    public QuestionReader(KnowledgeCorpus corpus, KnowledgeIndex index, EntityMatcher entities)
        : this(new Words(corpus), index, entities)
    {
    }

    /// <summary>A reader from word lists prepared while the index was being built.</summary>
    public QuestionReader(Words words, KnowledgeIndex index, EntityMatcher entities)
    {
        _index = index;
        _entities = entities;
        _lexicon = words.Lexicon;
        _stopWords = words.StopWords;
        _detector = words.Detector;
        _lexiconWordsByLength = words.AskingWords;
        _topicWords = new(ReadTopicWordUncached);
        _mayBeTypo = new(MayBeTypoUncached);
        _corrections = new(CorrectToLexiconUncached);
    }

    /// <summary>
    /// What the reader knows of every language, which does not need the index: built on one core
    /// while the index is built on the other.
    /// </summary>
    public sealed class Words
    {
        public Words(KnowledgeCorpus corpus)
        {
            // The three tables read the same word lists: each text is folded once for all of them.
            var memo = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            List<string> Fold(string text)
            {
                if (!memo.TryGetValue(text, out var words))
                {
                    memo[text] = words = TextFolding.Words(text);
                }

                return words;
            }

            Lexicon = new Lexicon(corpus.Languages, Fold);
            StopWords = new StopWords(corpus.Languages, Fold);
            Detector = new LanguageDetector(corpus.Languages, Fold);

            // Typos are corrected towards the words that ask for something (question words, field cues), never
            // towards fillers: "world" must not become "would".
            string[] asking = [WordLists.Place, WordLists.Organisation, WordLists.Date, WordLists.Amount, WordLists.Count, WordLists.Reason, WordLists.Choice];
            foreach (var word in corpus.Languages.Packs
                .SelectMany(p => asking.SelectMany(p.WordList).Concat(p.Fields.Values.SelectMany(f => f.Cues)))
                .SelectMany(Fold)
                .Where(w => w.Length >= 4)
                .Distinct(StringComparer.Ordinal))
            {
                if (!AskingWords.TryGetValue(Shape(word.Length, word), out var list))
                {
                    AskingWords[Shape(word.Length, word)] = list = [];
                }

                list.Add(word);
            }
        }

        internal Lexicon Lexicon { get; }

        internal StopWords StopWords { get; }

        internal LanguageDetector Detector { get; }

        /// <summary>
        /// The asking words by length and first two letters (see <see cref="Shape"/>). Keyed by a short
        /// string rather than a tuple: a dictionary over tuples has no precompiled code, and a one-shot
        /// question paid for compiling it.
        /// </summary>
        internal Dictionary<string, List<string>> AskingWords { get; } = new(StringComparer.Ordinal);

        /// <summary>The key of the words of a length that start with the first two letters of a word.</summary>
        internal static string Shape(int length, string word) => string.Create(CultureInfo.InvariantCulture, $"{length}:{word[0]}{word[1]}");
    }

    public Languages.DetectedLanguage Detect(string text) => _detector.Detect(QuestionText.Normalize(text), null, _entities.IsName);

    public ParsedQuestion Read(string question, string? locale = null)
    {
        var normalized = QuestionText.Normalize(question);
        var folded = TextFolding.Words(normalized);
        var words = folded.GetRange(0, Math.Min(folded.Count, MaxWords));

        // The language first: a name only some languages write is a name only in those ("Island").
        var language = _detector.Detect(normalized, folded, locale, _entities.IsName);
        var taken = new bool[words.Count];
        var entities = _entities.Match(words, MayBeTypo, language.Code);
        foreach (var match in entities)
        {
            Array.Fill(taken, true, match.Start, match.Length);
        }

        // The words as typed, for saying which ones the sources do not know: a correction that led
        // nowhere ("cores" to "comes") is not what the asker wrote.
        var typed = words.ToList();
        for (var i = 0; i < words.Count; i++)
        {
            if (!taken[i] && MayBeTypo(words[i]) && CorrectToLexicon(words[i]) is { } corrected)
            {
                words[i] = corrected;
            }
        }

        var phrases = _lexicon.Match(words, taken, language.Supported ? language.Code : null, _stopWords.ContainsIn, language.FromText && language.Confidence >= 0.55);
        var parts = Split(words, phrases)
            .Select(range => ReadPart(words, typed, range.Start, range.End, entities, phrases))
            .ToList();
        return new ParsedQuestion(question, normalized, language, Inherit(parts));
    }

    /// <summary>
    /// Where a question holds several: "and" (in any language) followed by a word that asks for
    /// something new ("when were they selected and how much did they cost").
    /// </summary>
    private List<(int Start, int End)> Split(List<string> words, List<PhraseMatch> phrases)
    {
        // A phrase asks for something when it says so, or when its first word is a question word
        // on its own ("what is it called", a cue for the name, starts with "what").
        bool Asks(Phrase phrase) =>
            (phrase.Roles & (Role.AskedKind | Role.YesNo)) != 0
            || (phrase.Words.Length > 1 && _lexicon.Word(phrase.Words[0]) is { } first && (first.Roles & (Role.AskedKind | Role.YesNo)) != 0);

        var cuts = new List<int>();
        for (var i = 0; i < phrases.Count - 1; i++)
        {
            var and = phrases[i];
            var next = phrases[i + 1];
            if ((and.Phrase.Roles & Role.And) != 0 && (and.Phrase.Roles & Role.AskedKind) == 0
                && Asks(next.Phrase) && next.Start == and.Start + and.Length
                && and.Start > 1 && cuts.Count < MaxParts - 1)
            {
                cuts.Add(and.Start);
            }
        }

        var ranges = new List<(int, int)>();
        var start = 0;
        foreach (var cut in cuts)
        {
            ranges.Add((start, cut));
            start = cut;
        }

        ranges.Add((start, words.Count));
        return ranges;
    }

    /// <summary>A part that names nothing, or sets no scope or kind of site, takes them from the part before it.</summary>
    private static List<QuestionPart> Inherit(List<QuestionPart> parts)
    {
        for (var i = 1; i < parts.Count; i++)
        {
            var previous = parts[i - 1];
            var part = parts[i];
            if (!part.NamesSomething && previous.NamesSomething)
            {
                part = part with { Sites = previous.Sites, Countries = previous.Countries, Matches = previous.Matches };
            }

            if (part.SiteKind is null && previous.SiteKind is not null)
            {
                part = part with { SiteKind = previous.SiteKind, SubjectWords = [.. part.SubjectWords, .. previous.SubjectWords.Except(part.SubjectWords)] };
            }

            // A wave named before holds for what follows ("when were the first ones picked and how much
            // is involved altogether" is about the first wave).
            if (part.Scope is Scope.Unscoped or Scope.Now && previous.Scope is not (Scope.Unscoped or Scope.Now)
                || part.Scope == Scope.Unscoped && previous.Scope != Scope.Unscoped)
            {
                part = part with { Scope = previous.Scope, ScopeNegated = previous.ScopeNegated };
            }

            if (part.SubjectWords.Count == 0 && previous.SubjectWords.Count > 0)
            {
                part = part with { SubjectWords = previous.SubjectWords, AboutGigafactories = previous.AboutGigafactories };
            }

            if (part.Filters.Count == 0 && previous.Filters.Count > 0 && !part.NamesSomething)
            {
                part = part with { Filters = previous.Filters };
            }

            parts[i] = part;
        }

        return parts;
    }

    /// <summary>A word nothing explains: not a name, not in the corpus (nor a synonym of a word in it), any lexicon word or phrase, or a stop list.</summary>
    private bool MayBeTypo(string word) => _mayBeTypo[word];

    // Both depend on the word alone and are asked of each word of every question: kept per word.
    private readonly BoundedMemo<bool> _mayBeTypo;
    private readonly BoundedMemo<string?> _corrections;

    private bool MayBeTypoUncached(string word) =>
        !_index.IsSurfaceWord(word) && !_lexicon.IsPhraseWord(word) && !_stopWords.Contains(word)
        && !_index.Terms(word).Any(_index.HasTerm);

    /// <summary>
    /// A misspelt question word or cue ("wher", "sectros"): the one lexicon word within an edit (two
    /// from nine letters) sharing the first letter; between equally close ones, the longest shared start wins.
    /// </summary>
    private string? CorrectToLexicon(string word) => _corrections[word];

    private string? CorrectToLexiconUncached(string word)
    {
        if (word.Length < 5)
        {
            return null;
        }

        var allowed = Math.Max(1, EditDistance.AllowedEdits(word.Length));
        string? best = null;
        var bestKey = (Distance: int.MaxValue, Prefix: -1);
        var ambiguous = false;
        for (var length = word.Length - allowed; length <= word.Length + allowed; length++)
        {
            foreach (var candidate in _lexiconWordsByLength.GetValueOrDefault(Words.Shape(length, word)) ?? [])
            {
                var distance = EditDistance.Distance(word, candidate, allowed);
                if (distance > allowed)
                {
                    continue;
                }

                var prefix = CommonPrefix(word, candidate);
                if (distance < bestKey.Distance || (distance == bestKey.Distance && prefix > bestKey.Prefix))
                {
                    best = candidate;
                    bestKey = (distance, prefix);
                    ambiguous = false;
                }
                else if (distance == bestKey.Distance && prefix == bestKey.Prefix && candidate != best)
                {
                    ambiguous = true;
                }
            }
        }

        return ambiguous ? null : best;
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }

        return n;
    }

    private TopicWord? ReadTopicWord(string word, int position)
    {
        // How a word reads does not depend on the question it is in: read once, kept, and placed at
        // each position it is met.
        return _topicWords[word] is { } read ? read with { Position = position } : null;
    }

    private readonly BoundedMemo<TopicWord?> _topicWords;

    private TopicWord? ReadTopicWordUncached(string word)
    {
        const int position = -1;
        var terms = _index.Terms(word).Distinct(StringComparer.Ordinal).ToList();
        if (terms.Count == 0)
        {
            return null;
        }

        if (_index.IsSurfaceWord(word) || terms.Any(_index.HasTerm))
        {
            return new TopicWord(word, null, terms, _index.Stems(word), Known: true, position);
        }

        if (_index.Correct(word) is { } corrected && _index.Terms(corrected).Distinct(StringComparer.Ordinal).ToList() is { Count: > 0 } correctedTerms)
        {
            return new TopicWord(corrected, word, correctedTerms, _index.Stems(corrected), Known: true, position);
        }

        return new TopicWord(word, null, terms, _index.Stems(word), Known: false, position);
    }
}
