using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Text;

namespace AiFactories.Bot.Knowledge.Reading;

/// <summary>A site or a country that a question names.</summary>
internal abstract record Entity(string Name);

internal sealed record SiteEntity(int Ordinal, SiteRecord Site) : Entity(Site.Id);

internal sealed record CountryEntity(CountryEntry Country) : Entity(Country.Name);

/// <summary>Where in the question's words an entity was found, and by which alias.</summary>
internal sealed record EntityMatch(int Start, int Length, Entity Entity, string Alias, bool Exact);

/// <summary>
/// Recognises sites and countries by any of their names (name, city, aliases in many languages),
/// ignoring case and accents, and tolerating, in a word the corpus does not otherwise use, an
/// inflected ending ("Poznaniu", "Kajaanissa") or a typo.
/// </summary>
internal sealed class EntityMatcher
{
    private readonly Dictionary<string, List<(string[] Words, Entity Entity, string Alias)>> _byFirstWord = new(StringComparer.Ordinal);
    private readonly List<(string Key, Entity Entity, string Alias)> _names = [];
    private readonly HashSet<(string Key, Entity Entity)> _nameSet = [];
    // Single-word names by length and first letter, and by length and second letter: an inflected
    // name keeps its first letters, and a typo rarely touches both of the first two.
    private readonly Dictionary<int, List<(string Key, Entity Entity, string Alias)>> _singleWordNamesByLength = [];
    private readonly Dictionary<int, List<(string Key, Entity Entity, string Alias)>> _singleWordNamesBySecond = [];

    private static int Bucket(int length, char letter) => (length << 16) | letter;
    private readonly Dictionary<string, SiteEntity> _byId = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nameWords = new(StringComparer.Ordinal);

    // Country names only a language pack gives, with the languages that write them (see the constructor).
    private readonly Dictionary<(string Key, string Entity), HashSet<string>> _writtenIn = [];

    /// <summary>
    /// Whether a name stands in a question in this language (null: any text): a name only some
    /// languages write is read only in those.
    /// </summary>
    private bool ReadIn(string alias, Entity entity, string? language) =>
        language is null || _writtenIn.Count == 0 || !_writtenIn.TryGetValue((TextFolding.Key(alias), entity.Name), out var languages) || languages.Contains(language);

    /// <summary>Whether a folded word is part of any name of a site or country.</summary>
    public bool IsName(string word) => _nameWords.Contains(word);

    public EntityMatcher(KnowledgeCorpus corpus)
    {
        _loose = new(word => Inflected(word) ?? Fuzzy(word));
        for (var i = 0; i < corpus.Sites.Count; i++)
        {
            var site = corpus.Sites[i];
            var entity = new SiteEntity(i, site);
            _byId[TextFolding.Key(site.Id)] = entity;
            foreach (var name in new[] { site.Name, site.City }.OfType<string>().Concat(site.Aliases))
            {
                Add(name, entity);
            }
        }

        foreach (var country in corpus.Countries)
        {
            var entity = new CountryEntity(country);
            foreach (var name in country.Names)
            {
                Add(name, entity);
            }

            // The names the bot writes a country by, in each language it answers in, are names it reads
            // ("Tchéquia", "Moldau"): the language packs and countries.json are kept apart, and drift.
            // One that countries.json does not list is read only in a question in a language that writes
            // it: "Island" is Iceland in German, Danish, Swedish, Czech and Croatian, and an island in English.
            var listed = country.Names.Select(TextFolding.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var (written, languages) in corpus.Languages.WrittenNames(country.Name))
            {
                var key = TextFolding.Key(written);
                if (!listed.Contains(key))
                {
                    _writtenIn[(key, country.Name)] = [.. languages];
                    Add(written, entity);
                }
            }
        }

        foreach (var list in _byFirstWord.Values)
        {
            list.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
        }
    }

    private void Add(string name, Entity entity)
    {
        var words = TextFolding.Words(name).ToArray();
        if (words.Length == 0)
        {
            return;
        }

        var key = string.Join(' ', words);
        _nameWords.UnionWith(words);
        if (!_nameSet.Add((key, entity)))
        {
            return;
        }

        _names.Add((key, entity, name));
        if (words.Length == 1)
        {
            if (!_singleWordNamesByLength.TryGetValue(Bucket(key.Length, key[0]), out var sameStart))
            {
                _singleWordNamesByLength[Bucket(key.Length, key[0])] = sameStart = [];
            }

            sameStart.Add((key, entity, name));
            if (key.Length > 1)
            {
                if (!_singleWordNamesBySecond.TryGetValue(Bucket(key.Length, key[1]), out var sameSecond))
                {
                    _singleWordNamesBySecond[Bucket(key.Length, key[1])] = sameSecond = [];
                }

                sameSecond.Add((key, entity, name));
            }
        }
        if (!_byFirstWord.TryGetValue(words[0], out var list))
        {
            _byFirstWord[words[0]] = list = [];
        }

        list.Add((words, entity, name));
    }

    /// <summary>
    /// Finds the entities named in the words: the longest exact alias at each position; then, for a
    /// word nothing else explains (<paramref name="mayBeTypo"/>), the one alias within its allowed edits.
    /// </summary>
    /// <param name="words">The folded words.</param>
    /// <param name="mayBeTypo">Whether a word may be a typo or an inflection of a name.</param>
    /// <param name="language">The question's language, for names only some languages write; null for corpus text.</param>
    public List<EntityMatch> Match(IReadOnlyList<string> words, Func<string, bool> mayBeTypo, string? language = null)
    {
        var matches = new List<EntityMatch>();
        for (var i = 0; i < words.Count;)
        {
            var exact = LongestExact(words, i, language);
            if (exact is not null)
            {
                matches.Add(exact);
                i += exact.Length;
                continue;
            }

            if (mayBeTypo(words[i]) && _loose[words[i]] is { } fuzzy && ReadIn(fuzzy.Alias, fuzzy.Entity, language))
            {
                matches.Add(new EntityMatch(i, 1, fuzzy.Entity, fuzzy.Alias, Exact: false));
            }

            i++;
        }

        return matches;
    }

    private EntityMatch? LongestExact(IReadOnlyList<string> words, int start, string? language)
    {
        if (!_byFirstWord.TryGetValue(words[start], out var candidates))
        {
            return null;
        }

        foreach (var (aliasWords, entity, alias) in candidates)
        {
            if (start + aliasWords.Length > words.Count)
            {
                continue;
            }

            var same = true;
            for (var k = 1; k < aliasWords.Length && same; k++)
            {
                same = words[start + k] == aliasWords[k];
            }

            if (same && ReadIn(alias, entity, language))
            {
                return new EntityMatch(start, aliasWords.Length, entity, alias, Exact: true);
            }
        }

        return null;
    }

    // The name a single word is a loose form of (inflected, or within a typo), kept per word: the
    // search compares it with every name of about its length.
    private readonly BoundedMemo<(Entity Entity, string Alias)?> _loose;

    /// <summary>The one single-word name this word is an inflected form of ("Bolonii" of "Bolonia").</summary>
    private (Entity Entity, string Alias)? Inflected(string word)
    {
        (Entity Entity, string Alias)? found = null;
        for (var length = word.Length - 4; length <= word.Length + 1; length++)
        {
            if (word.Length == 0 || !_singleWordNamesByLength.TryGetValue(Bucket(length, word[0]), out var candidates))
            {
                continue;
            }

            foreach (var (key, entity, alias) in candidates)
            {
                if (Lexicon.Inflects(word, key))
                {
                    if (found is { } current && current.Entity != entity)
                    {
                        return null;
                    }

                    found ??= (entity, alias);
                }
            }
        }

        return found;
    }

    private (Entity Entity, string Alias)? Fuzzy(string word)
    {
        var allowed = EditDistance.AllowedEdits(word.Length);
        if (allowed == 0)
        {
            return null;
        }

        (Entity Entity, string Alias)? best = null;
        var bestDistance = int.MaxValue;
        var ambiguous = false;
        for (var length = word.Length - allowed; length <= word.Length + allowed; length++)
        {
            var sameStart = _singleWordNamesByLength.GetValueOrDefault(Bucket(length, word[0])) ?? [];
            var sameSecond = (_singleWordNamesBySecond.GetValueOrDefault(Bucket(length, word[1])) ?? []).Where(c => c.Key[0] != word[0]);
            foreach (var (key, entity, alias) in sameStart.Concat(sameSecond))
            {
                var distance = EditDistance.Distance(word, key, allowed);
                if (distance > allowed)
                {
                    continue;
                }

                if (distance < bestDistance)
                {
                    best = (entity, alias);
                    bestDistance = distance;
                    ambiguous = false;
                }
                else if (distance == bestDistance && best is { } current && current.Entity != entity)
                {
                    ambiguous = true;
                }
            }
        }

        return ambiguous ? null : best;
    }

    /// <summary>
    /// Sites for a name typed by a user, best first: exact name, then names starting with it, then
    /// names containing it, then names within a typo of it.
    /// </summary>
    public IReadOnlyList<SiteEntity> FindSites(string text, int max)
    {
        var key = TextFolding.Key(text);
        if (key.Length == 0)
        {
            return [];
        }

        var ranked = new List<(SiteEntity Site, int Tier, int Distance)>();
        if (_byId.TryGetValue(key, out var byId))
        {
            ranked.Add((byId, -1, 0));
        }

        foreach (var (name, entity, _) in _names)
        {
            if (entity is not SiteEntity site)
            {
                continue;
            }

            int tier;
            var distance = 0;
            if (name == key)
            {
                tier = 0;
            }
            else if (name.StartsWith(key, StringComparison.Ordinal))
            {
                tier = 1;
            }
            else if (name.Contains(key, StringComparison.Ordinal))
            {
                tier = 2;
            }
            else
            {
                var allowed = EditDistance.AllowedEdits(key.Length);
                distance = allowed == 0 ? int.MaxValue : EditDistance.Distance(key, name, allowed);
                if (distance > allowed)
                {
                    continue;
                }

                tier = 3;
            }

            ranked.Add((site, tier, distance));
        }

        return ranked
            .OrderBy(r => r.Tier).ThenBy(r => r.Distance).ThenBy(r => r.Site.Ordinal)
            .Select(r => r.Site)
            .DistinctBy(s => s.Ordinal)
            .Take(max)
            .ToList();
    }
}
