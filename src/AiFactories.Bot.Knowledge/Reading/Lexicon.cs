// The phrase tables of every language and their matching (exact, inflected, corrected) are one structure; splitting it would spread one lookup over files.
using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Text;

namespace AiFactories.Bot.Knowledge.Reading;

/// <summary>What a word or phrase of a question says about what is asked.</summary>
[Flags]
internal enum Role
{
    None = 0,
    Place = 1 << 0,
    Organisation = 1 << 1,
    Date = 1 << 2,
    Amount = 1 << 3,
    Count = 1 << 4,
    Reason = 1 << 5,
    Definition = 1 << 6,
    Choice = 1 << 7,
    List = 1 << 8,
    YesNo = 1 << 9,
    Negation = 1 << 10,
    Most = 1 << 11,
    Least = 1 << 12,
    Now = 1 << 13,
    FirstWave = 1 << 14,
    SecondWave = 1 << 15,
    ThirdWave = 1 << 16,
    And = 1 << 17,
    Subject = 1 << 18,
    Factory = 1 << 19,
    Antenna = 1 << 20,
    Filler = 1 << 21,
    Field = 1 << 22,
    Gigafactory = 1 << 23,

    /// <summary>Words that say what kind of answer is wanted.</summary>
    AskedKind = Place | Organisation | Date | Amount | Count | Reason | Definition | Choice | List,

    /// <summary>Words that carry no topic of their own.</summary>
    Quiet = Filler | Subject | And | YesNo,
}

/// <summary>
/// A phrase of some language's lexicon, with every role any language gives it, and what it means in
/// each language that has it: Portuguese "no" is "in the", English "no" a negation.
/// </summary>
internal sealed record Phrase(string[] Words, Role Roles, IReadOnlySet<string> Fields, IReadOnlySet<string> Languages)
{
    public IReadOnlyDictionary<string, Phrase> ByLanguage { get; init; } = NoMeanings;

    private static readonly IReadOnlyDictionary<string, Phrase> NoMeanings = new Dictionary<string, Phrase>();

    /// <summary>The phrase as the question's language means it, or with every meaning when that language does not have it.</summary>
    public Phrase In(string? language) => language is not null && ByLanguage.TryGetValue(language, out var meant) ? meant : this;
}

/// <summary>A phrase found in a question: where, and whether a word matched only by its inflected form.</summary>
internal sealed record PhraseMatch(int Start, int Length, Phrase Phrase, bool Inflected);

/// <summary>
/// The words of every language file merged into one matcher: question words, field cues, negations,
/// scope words, fillers. A question is read against all languages at once (people mix them); the
/// language it is answered in is decided separately. A single word matches its inflected forms too
/// ("zarządza" / "zarządzają", "fabryka" / "fabryką").
/// </summary>
internal sealed class Lexicon
{
    private static readonly (string List, Role Role)[] Lists =
    [
        (WordLists.Place, Role.Place), (WordLists.Organisation, Role.Organisation), (WordLists.Date, Role.Date),
        (WordLists.Amount, Role.Amount), (WordLists.Count, Role.Count), (WordLists.Reason, Role.Reason),
        (WordLists.Definition, Role.Definition), (WordLists.Choice, Role.Choice), (WordLists.List, Role.List),
        (WordLists.YesNo, Role.YesNo), (WordLists.Negation, Role.Negation), (WordLists.Most, Role.Most),
        (WordLists.Least, Role.Least), (WordLists.Now, Role.Now), (WordLists.FirstWave, Role.FirstWave),
        (WordLists.SecondWave, Role.SecondWave), (WordLists.ThirdWave, Role.ThirdWave), (WordLists.And, Role.And),
        (WordLists.Subject, Role.Subject), (WordLists.Factory, Role.Factory), (WordLists.Antenna, Role.Antenna), (WordLists.Gigafactory, Role.Gigafactory),
        (WordLists.Fillers, Role.Filler),
    ];

    private static readonly IReadOnlySet<string> NoFields = new HashSet<string>();

    // Phrases of several words by their first two words ("first second"), longest first: a word is
    // compared with the few phrases that can follow it, not with every phrase that starts with it ("the",
    // "ai" start hundreds). The last word of a phrase may be inflected (Inflects keeps its first MinStem - 1
    // letters at least), so a two-word phrase whose last word is long enough to inflect is keyed by the
    // first word and that word's first letters instead. Flat tables of arrays, not a table of tables
    // of lists: they hold a fifth of the objects, which every collection while loading walks.
    private readonly PairTable _byFirstTwo = new();
    private readonly PairTable _byFirstAndStart = new();
    private readonly Dictionary<string, Phrase> _single = new(StringComparer.Ordinal);
    // Single-word phrases long enough to be inflected, by their first letters (an inflected form shares
    // at least MinStem - 1 of them), shortest first: a word is compared with a handful, not thousands.
    private readonly Dictionary<string, Phrase[]> _singleByPrefix = new(StringComparer.Ordinal);

    // The phrase each word is an inflected form of, found once per word.
    private readonly BoundedMemo<Phrase?> _inflections;

    /// <param name="languages">The language files.</param>
    /// <param name="fold">How a text is split into folded words (<see cref="TextFolding.Words"/> or a memo of it shared while loading).</param>
    public Lexicon(LanguageCatalog languages, Func<string, List<string>> fold)
    {
        _inflections = new(Inflection);
        // Classes rather than tuples as dictionary values and no tuple keys: these tables are built
        // once per load, and a generic dictionary over value tuples has no precompiled code, so a
        // one-shot question paid for compiling it. Most phrases name no field: their fields stay null.
        // Sized once for every text of every list (an upper bound): grown by doubling, the two tables
        // left twice their final size in garbage.
        var texts = 0;
        foreach (var pack in languages.Packs)
        {
            foreach (var (list, _) in Lists)
            {
                texts += pack.WordList(list).Count;
            }

            foreach (var words in pack.Fields.Values)
            {
                texts += words.Cues.Count;
            }
        }

        var phrases = new Dictionary<string, Entry>(texts, StringComparer.Ordinal);
        var keys = new Dictionary<string, string>(texts, StringComparer.Ordinal);
        void Add(string text, Role role, string? field, string language)
        {
            if (!keys.TryGetValue(text, out var key))
            {
                keys[text] = key = string.Join(' ', fold(text));
            }

            if (key.Length == 0)
            {
                return;
            }

            if (!phrases.TryGetValue(key, out var entry))
            {
                phrases[key] = entry = new Entry(language);
            }

            // Null while the entry has one language: its own roles and fields are that language's.
            var meant = entry.For(language);
            if (field is not null)
            {
                entry.AddField(field);
                meant?.AddField(field);
            }

            entry.Roles |= role;
            if (meant is not null)
            {
                meant.Roles |= role;
            }
        }

        foreach (var pack in languages.Packs)
        {
            foreach (var (list, role) in Lists)
            {
                foreach (var word in pack.WordList(list))
                {
                    Add(word, role, null, pack.Code);
                }
            }

            foreach (var (field, words) in pack.Fields)
            {
                foreach (var cue in words.Cues)
                {
                    Add(cue, Role.Field, field, pack.Code);
                }
            }
        }

        // Most phrases belong to one language, or mean the same in all that have them: they share one
        // set of language codes per combination and carry no per-language meanings (In gives the phrase
        // itself). Building 23,000 phrases with a dictionary and a set each was most of loading the lexicon.
        // Their sets of fields and the words of phrases of several words are shared the same way.
        var codeSets = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var fieldSets = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var sharedWords = new Dictionary<string, string>(StringComparer.Ordinal);
        IReadOnlySet<string> SharedFields(string? fields)
        {
            if (fields is null)
            {
                return NoFields;
            }

            // A set lists the fields in the order they were met, as each phrase's own set did before.
            if (!fieldSets.TryGetValue(fields, out var shared))
            {
                fieldSets[fields] = shared = new HashSet<string>(fields.Split(','), StringComparer.Ordinal);
            }

            return shared;
        }

        var byFirstTwo = new Dictionary<string, List<Phrase>>(StringComparer.Ordinal);
        var byFirstAndStart = new Dictionary<string, List<Phrase>>(StringComparer.Ordinal);
        var singleByPrefix = new Dictionary<string, List<Phrase>>(StringComparer.Ordinal);
        foreach (var (key, entry) in phrases)
        {
            var words = key.Split(' ');
            if (words.Length > 1)
            {
                for (var i = 0; i < words.Length; i++)
                {
                    if (!sharedWords.TryGetValue(words[i], out var word))
                    {
                        sharedWords[words[i]] = word = words[i];
                    }

                    words[i] = word;
                }
            }

            var codesKey = entry.CodesKey();
            if (!codeSets.TryGetValue(codesKey, out var codes))
            {
                var set = new HashSet<string>(StringComparer.Ordinal);
                if (entry.ByLanguage is null)
                {
                    set.Add(entry.FirstLanguage);
                }
                else
                {
                    foreach (var meant in entry.ByLanguage)
                    {
                        set.Add(meant.Code);
                    }
                }

                codeSets[codesKey] = codes = set;
            }

            var phrase = new Phrase(words, entry.Roles, SharedFields(entry.Fields), codes);
            if (words.Length > 1)
            {
                _phraseWords.UnionWith(words);
            }

            if (entry.MeansDifferentThingsByLanguage() && entry.ByLanguage is { } meanings)
            {
                var byLanguage = new Dictionary<string, Phrase>(StringComparer.Ordinal);
                foreach (var meant in meanings)
                {
                    byLanguage[meant.Code] = new Phrase(words, meant.Roles, SharedFields(meant.Fields), codes);
                }

                phrase = phrase with { ByLanguage = byLanguage };
            }

            if (words.Length > 1)
            {
                var second = words[1];
                var (table, secondKey) = words.Length == 2 && second.Length >= MinStem ? (byFirstAndStart, second[..(MinStem - 1)]) : (byFirstTwo, second);
                AddTo(table, $"{words[0]} {secondKey}", phrase);
            }
            else
            {
                _single[key] = phrase;
                if (key.Length >= MinStem)
                {
                    AddTo(singleByPrefix, key[..(MinStem - 1)], phrase);
                }
            }
        }

        // Longest first, so that the first phrase that fits is the longest; single words shortest first.
        _byFirstTwo.Fill(byFirstTwo, (a, b) => b.Words.Length.CompareTo(a.Words.Length));
        _byFirstAndStart.Fill(byFirstAndStart, (a, b) => b.Words.Length.CompareTo(a.Words.Length));
        _singleByPrefix.EnsureCapacity(singleByPrefix.Count);
        foreach (var (prefix, list) in singleByPrefix)
        {
            list.Sort((a, b) => a.Words[0].Length.CompareTo(b.Words[0].Length));
            _singleByPrefix[prefix] = [.. list];
        }

        static void AddTo(Dictionary<string, List<Phrase>> table, string key, Phrase phrase)
        {
            if (!table.TryGetValue(key, out var list))
            {
                table[key] = list = new(1);
            }

            list.Add(phrase);
        }
    }

    /// <summary>A phrase's roles and fields while the tables are built: over all languages, and per language.</summary>
    private class Meaning
    {
        public Role Roles { get; set; }

        /// <summary>
        /// The fields named, in the order they were met (a <see cref="JoinedList"/>), or null: no set is
        /// made for each phrase while loading, only one per combination at the end.
        /// </summary>
        public string? Fields { get; protected set; }

        public void AddField(string field) => Fields = JoinedList.With(Fields, field);
    }

    /// <summary>What one language means by a phrase.</summary>
    private sealed class LanguageMeaning : Meaning
    {
        public LanguageMeaning(string code, Role roles = Role.None, string? fields = null)
        {
            Code = code;
            Roles = roles;
            Fields = fields;
        }

        public string Code { get; }
    }

    /// <summary>
    /// A phrase over all languages. While one language has it, the entry's own roles and fields are
    /// that language's; what each language means is kept apart only once a second one has it (a
    /// phrase has one language or a few, and most have one: objects made per phrase while loading
    /// are copied by every collection until the load is done).
    /// </summary>
    private sealed class Entry(string language) : Meaning
    {
        /// <summary>The first language met that has the phrase.</summary>
        public string FirstLanguage { get; } = language;

        /// <summary>What each language that has the phrase means by it, in the order met; null while only one does.</summary>
        public List<LanguageMeaning>? ByLanguage { get; private set; }

        /// <summary>What <paramref name="language"/> means, to add to; null while the entry itself is that (its one language).</summary>
        public LanguageMeaning? For(string language)
        {
            if (ByLanguage is null)
            {
                if (language == FirstLanguage)
                {
                    return null;
                }

                ByLanguage = [new LanguageMeaning(FirstLanguage, Roles, Fields)];
            }

            foreach (var meant in ByLanguage)
            {
                if (meant.Code == language)
                {
                    return meant;
                }
            }

            var added = new LanguageMeaning(language);
            ByLanguage.Add(added);
            return added;
        }

        /// <summary>The phrase's language codes, sorted and joined: the key of the shared set of codes.</summary>
        public string CodesKey()
        {
            if (ByLanguage is null)
            {
                return FirstLanguage;
            }

            var codes = new string[ByLanguage.Count];
            for (var i = 0; i < codes.Length; i++)
            {
                codes[i] = ByLanguage[i].Code;
            }

            Array.Sort(codes, StringComparer.Ordinal);
            return string.Join(',', codes);
        }

        public bool MeansDifferentThingsByLanguage()
        {
            if (ByLanguage is null)
            {
                return false;
            }

            foreach (var meant in ByLanguage)
            {
                if (meant.Roles != Roles || !JoinedList.SameItems(meant.Fields, Fields))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Phrases by a key of two words ("first second"), looked up without making the key a string: the
    /// question's words are copied side by side into a buffer on the stack.
    /// </summary>
    private sealed class PairTable
    {
        private Dictionary<string, Phrase[]> _phrases = new(StringComparer.Ordinal);
        private Dictionary<string, Phrase[]>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

        public PairTable() => _bySpan = _phrases.GetAlternateLookup<ReadOnlySpan<char>>();

        /// <summary>Takes the lists built while loading, each sorted by <paramref name="order"/>.</summary>
        public void Fill(Dictionary<string, List<Phrase>> lists, Comparison<Phrase> order)
        {
            _phrases = new(lists.Count, StringComparer.Ordinal);
            foreach (var (key, list) in lists)
            {
                list.Sort(order);
                _phrases[key] = [.. list];
            }

            _bySpan = _phrases.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public Phrase[]? Get(string first, ReadOnlySpan<char> second)
        {
            var length = first.Length + 1 + second.Length;
            if (length > 256)
            {
                return _phrases.GetValueOrDefault(string.Concat(first, " ", second));
            }

            Span<char> key = stackalloc char[length];
            first.AsSpan().CopyTo(key);
            key[first.Length] = ' ';
            second.CopyTo(key[(first.Length + 1)..]);
            return _bySpan.TryGetValue(key, out var phrases) ? phrases : null;
        }
    }

    /// <summary>
    /// The longest phrase of several words that fits the words from <paramref name="start"/>, if any;
    /// of two as long, the one whose last word is written as the question writes it ("antennas" is
    /// "antennas", not an inflected "antenna").
    /// </summary>
    private Phrase? LongestOfSeveral(IReadOnlyList<string> words, bool[] taken, int start)
    {
        var first = words[start];
        var second = words[start + 1];
        var best = _byFirstTwo.Get(first, second) is { } exact ? Best(exact, words, taken, start, null) : null;
        if ((best is null || best.Words.Length == 2) && second.Length >= MinStem - 1
            && _byFirstAndStart.Get(first, second.AsSpan(0, MinStem - 1)) is { } inflectable)
        {
            best = Best(inflectable, words, taken, start, best);
        }

        return best;
    }

    private static Phrase? Best(Phrase[] longestFirst, IReadOnlyList<string> words, bool[] taken, int start, Phrase? best)
    {
        foreach (var phrase in longestFirst)
        {
            if (best is not null && (phrase.Words.Length < best.Words.Length || LastWordExact(best)))
            {
                break;
            }

            if ((best is null || phrase.Words.Length > best.Words.Length || LastWordExact(phrase)) && Fits(words, taken, start, phrase.Words))
            {
                best = phrase;
            }
        }

        return best;

        bool LastWordExact(Phrase phrase) => words[start + phrase.Words.Length - 1] == phrase.Words[^1];
    }

    /// <summary>Whether a folded word is a lexicon word or a word of one of its phrases ("derde" of "derde golf").</summary>
    public bool IsPhraseWord(string word) => _single.ContainsKey(word) || _phraseWords.Contains(word);

    private readonly HashSet<string> _phraseWords = new(StringComparer.Ordinal);

    public Phrase? Word(string word) => _single.GetValueOrDefault(word);

    /// <summary>
    /// The longest phrase at each free position, left to right; a word already taken (by a name) is
    /// skipped. Each phrase means what the question's language means by it; a single word another
    /// language uses but that is a function word of the question's language ("no" in Portuguese) is no phrase.
    /// </summary>
    public List<PhraseMatch> Match(IReadOnlyList<string> words, bool[] taken, string? language = null, Func<string, string, bool>? isStopWordIn = null, bool certain = false)
    {
        var matches = new List<PhraseMatch>();
        for (var i = 0; i < words.Count;)
        {
            if (taken[i])
            {
                i++;
                continue;
            }

            if (Longest(words, taken, i) is { } match)
            {
                var phrase = match.Phrase;
                var foreign = language is not null && !phrase.Languages.Contains(language) && !phrase.Languages.Contains(LanguageCatalog.English);

                // A question plainly in one language is read with that language's words (and English
                // ones, which people mix in); a single word of another language that is a function word
                // here ("no" in Portuguese) means nothing more.
                if ((certain && foreign) || (language is not null && match.Length == 1 && !phrase.Languages.Contains(language) && isStopWordIn?.Invoke(words[i], language) == true))
                {
                    i++;
                    continue;
                }

                matches.Add(match with { Phrase = phrase.In(language) });
                i += match.Length;
                continue;
            }

            i++;
        }

        return matches;
    }

    private PhraseMatch? Longest(IReadOnlyList<string> words, bool[] taken, int start)
    {
        if (start + 1 < words.Count && !taken[start + 1] && LongestOfSeveral(words, taken, start) is { } longer)
        {
            return new PhraseMatch(start, longer.Words.Length, longer, Inflected: false);
        }

        if (_single.TryGetValue(words[start], out var single))
        {
            return new PhraseMatch(start, 1, single, Inflected: false);
        }

        return _inflections[words[start]] is { } inflected ? new PhraseMatch(start, 1, inflected, Inflected: true) : null;
    }

    private static bool Fits(IReadOnlyList<string> words, bool[] taken, int start, string[] phrase)
    {
        if (start + phrase.Length > words.Count)
        {
            return false;
        }

        for (var k = 0; k < phrase.Length; k++)
        {
            if (taken[start + k] || (words[start + k] != phrase[k] && (k < phrase.Length - 1 || !Inflects(words[start + k], phrase[k]))))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The one single-word phrase this word is an inflected form of, if any.</summary>
    private Phrase? Inflection(string word)
    {
        if (word.Length < MinStem - 1 || !_singleByPrefix.TryGetValue(word[..(MinStem - 1)], out var candidates))
        {
            return null;
        }

        Phrase? found = null;
        foreach (var phrase in candidates)
        {
            if (Inflects(word, phrase.Words[0]))
            {
                if (found is not null && found != phrase && found.Roles != phrase.Roles)
                {
                    return null;
                }

                found ??= phrase;
            }
        }

        return found;
    }

    private const int MaxEnding = 4;
    private const int MinStem = 6;

    /// <summary>
    /// Whether <paramref name="word"/> is <paramref name="stem"/> with another ending: they share all
    /// but the stem's last letter (five letters at least) and the word's ending is short. Case endings
    /// of the Slavic, Baltic and Finnic languages ("Bolonii", "fabryką", "Kajaanissa") work this way.
    /// </summary>
    public static bool Inflects(string word, string stem)
    {
        if (stem.Length < MinStem || word.Length < MinStem - 1 || word == stem)
        {
            return word == stem;
        }

        var shared = stem.Length - 1;
        if (word.Length < shared || word.Length - shared > MaxEnding || !word.AsSpan(0, shared).SequenceEqual(stem.AsSpan(0, shared)))
        {
            return false;
        }

        foreach (var c in word.AsSpan(shared))
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }
}
