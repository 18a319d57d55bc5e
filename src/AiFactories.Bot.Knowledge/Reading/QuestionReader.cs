using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Search;
using AiFactories.Bot.Knowledge.Text;

namespace AiFactories.Bot.Knowledge.Reading;

/// <summary>
/// Reads a question in any of the main EU languages: entities first (longest alias wins), then the
/// lexicon's cues for fields, counting and listing, then fillers, subject words and stop words;
/// what is left is the topic, checked against the corpus vocabulary and corrected for typos.
/// </summary>
internal sealed class QuestionReader
{
    /// <summary>Words read at most; the rest of a very long question is ignored.</summary>
    public const int MaxWords = 120;

        private readonly KnowledgeIndex _index;
    private readonly EntityMatcher _entities;
    private readonly Dictionary<string, List<(string[] Words, Cue Cue)>> _cues = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fillers;
    private readonly HashSet<string> _subject;
    private readonly HashSet<string> _lexiconWords = new(StringComparer.Ordinal);
    private readonly HashSet<string> _questionWords;
    private readonly HashSet<string> _subjectHeads;
    private readonly Dictionary<string, (FieldSpec Field, bool Strong)> _cueStems = new(StringComparer.Ordinal);

    public QuestionReader(KnowledgeCorpus corpus, KnowledgeIndex index, EntityMatcher entities)
    {
        _index = index;
        _entities = entities;
        var lexicon = corpus.Lexicon;
        _fillers = lexicon.Fillers.Select(TextFolding.Key).ToHashSet(StringComparer.Ordinal);
        _subject = lexicon.Subject.Select(TextFolding.Key).ToHashSet(StringComparer.Ordinal);
        _questionWords = lexicon.QuestionWords.Select(TextFolding.Key).ToHashSet(StringComparer.Ordinal);
        _subjectHeads = lexicon.SubjectHeads.Select(TextFolding.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var field in lexicon.Fields)
        {
            foreach (var cue in field.Cues)
            {
                AddCue(cue, new Cue(field, false, false));
            }
        }

        foreach (var cue in lexicon.CountCues)
        {
            AddCue(cue, new Cue(null, true, false));
        }

        foreach (var cue in lexicon.ListCues)
        {
            AddCue(cue, new Cue(null, false, true));
        }

        foreach (var list in _cues.Values)
        {
            list.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
        }

        // One-word cues also match by stem, so "hostes" asks what "hosts" asks.
        foreach (var field in lexicon.Fields)
        {
            foreach (var cue in field.Cues.Select(TextFolding.Key).Where(c => c.Length > 0 && !c.Contains(' ', StringComparison.Ordinal)))
            {
                if (index.Stems(cue) is [var stem])
                {
                    _cueStems.TryAdd(stem, (field, !_questionWords.Contains(cue)));
                }
            }
        }

        _lexiconWords.UnionWith(_fillers);
        _lexiconWords.UnionWith(_subject);
        _lexiconWords.UnionWith(_questionWords);
    }

    private sealed record Cue(FieldSpec? Field, bool Count, bool List);

    private void AddCue(string text, Cue cue)
    {
        var words = TextFolding.Words(text).ToArray();
        if (words.Length == 0)
        {
            return;
        }

        _lexiconWords.UnionWith(words);
        if (!_cues.TryGetValue(words[0], out var list))
        {
            _cues[words[0]] = list = [];
        }

        list.Add((words, cue));
    }

    public ParsedQuestion Read(string question)
    {
        var words = TextFolding.Words(question);
        if (words.Count > MaxWords)
        {
            words = words.GetRange(0, MaxWords);
        }

        var used = new bool[words.Count];
        var matches = _entities.Match(words, MayBeTypo);
        foreach (var match in matches)
        {
            for (var k = 0; k < match.Length; k++)
            {
                used[match.Start + k] = true;
            }
        }

        for (var i = 0; i < words.Count; i++)
        {
            if (!used[i] && MayBeTypo(words[i]) && CorrectToLexicon(words[i]) is { } corrected)
            {
                words[i] = corrected;
            }
        }

        var fields = new List<FieldSpec>();
        var fieldCueWords = new List<string>();
        var strongCue = false;
        var count = false;
        var list = false;
        for (var i = 0; i < words.Count; i++)
        {
            if (used[i] || !_cues.TryGetValue(words[i], out var candidates))
            {
                continue;
            }

            foreach (var (cueWords, cue) in candidates)
            {
                if (!Fits(words, used, i, cueWords))
                {
                    continue;
                }

                for (var k = 0; k < cueWords.Length; k++)
                {
                    used[i + k] = true;
                }

                if (cue.Field is { } field)
                {
                    fieldCueWords.AddRange(cueWords);
                    strongCue |= !cueWords.All(_questionWords.Contains);
                    if (!fields.Contains(field))
                    {
                        fields.Add(field);
                    }
                }

                count |= cue.Count;
                list |= cue.List;
                break;
            }
        }

        var topic = new List<TopicWord>();
        var subject = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (used[i] || _fillers.Contains(word) || word.Length == 1)
            {
                continue;
            }

            // A word right before the words that name the factories describes them ("the new AI
            // Factories"), it does not ask for a field value.
            if (_subject.Contains(word) || (i + 1 < words.Count && !used[i + 1] && _subjectHeads.Contains(words[i + 1])))
            {
                subject.Add(word);
                continue;
            }

            if (StopWords.Contains(word))
            {
                continue;
            }

            // A variant of a cue the corpus itself does not use ("hostes") asks for that field; a word
            // of the corpus ("computing") stays a topic word.
            if (!_index.IsSurfaceWord(word) && _index.Stems(word) is [var stem] && _cueStems.TryGetValue(stem, out var stemCue))
            {
                fieldCueWords.Add(word);
                strongCue |= stemCue.Strong;
                if (!fields.Contains(stemCue.Field))
                {
                    fields.Add(stemCue.Field);
                }

                continue;
            }

            if (ReadTopicWord(word) is { } topicWord && topic.All(t => t.Word != topicWord.Word))
            {
                topic.Add(topicWord);
            }
        }

        var sites = matches.Select(m => m.Entity).OfType<SiteEntity>().DistinctBy(s => s.Ordinal).ToList();
        var countries = matches.Select(m => m.Entity).OfType<CountryEntity>().DistinctBy(c => c.Name).ToList();
        return new ParsedQuestion(question, words, matches, sites, countries, fields, count, list, topic, subject, fieldCueWords, strongCue);
    }

    private static bool Fits(List<string> words, bool[] used, int start, string[] phrase)
    {
        if (start + phrase.Length > words.Count)
        {
            return false;
        }

        for (var k = 0; k < phrase.Length; k++)
        {
            if (used[start + k] || words[start + k] != phrase[k])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A misspelt question word or cue ("wher", "sectros"): the one lexicon word within an edit (two
    /// from nine letters); between equally close ones, the one sharing the longest start wins.
    /// </summary>
    private string? CorrectToLexicon(string word)
    {
        if (word.Length < 4)
        {
            return null;
        }

        var allowed = Math.Max(1, EditDistance.AllowedEdits(word.Length));
        string? best = null;
        var bestKey = (Distance: int.MaxValue, Prefix: -1);
        var ambiguous = false;
        foreach (var candidate in _lexiconWords.Where(c => Math.Abs(c.Length - word.Length) <= allowed))
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
            else if (distance == bestKey.Distance && prefix == bestKey.Prefix)
            {
                ambiguous = true;
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

    /// <summary>A word nothing explains: not in the corpus (nor a synonym of a word in it), the lexicon or a stop list.</summary>
    private bool MayBeTypo(string word) =>
        !_index.IsSurfaceWord(word) && !_lexiconWords.Contains(word) && !StopWords.Contains(word)
        && !_index.Terms(word).Any(_index.HasTerm);

    private TopicWord? ReadTopicWord(string word)
    {
        var terms = _index.Terms(word).Distinct(StringComparer.Ordinal).ToList();
        if (terms.Count == 0)
        {
            return null;
        }

        if (_index.IsSurfaceWord(word) || terms.Any(_index.HasTerm))
        {
            return new TopicWord(word, null, terms, _index.Stems(word), Known: true);
        }

        if (_index.Correct(word) is { } corrected && _index.Terms(corrected).Distinct(StringComparer.Ordinal).ToList() is { Count: > 0 } correctedTerms)
        {
            return new TopicWord(corrected, word, correctedTerms, _index.Stems(corrected), Known: true);
        }

        return new TopicWord(word, null, terms, _index.Stems(word), Known: false);
    }
}
