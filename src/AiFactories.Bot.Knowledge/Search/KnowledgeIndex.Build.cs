using System.Diagnostics;
using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Text;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace AiFactories.Bot.Knowledge.Search;

/// <summary>Building the index: one Lucene document per evidence sentence and one per site record.</summary>
internal sealed partial class KnowledgeIndex
{
    public static KnowledgeIndex Build(KnowledgeCorpus corpus, bool keepIndex = true)
    {
        var clock = Stopwatch.StartNew();
        var analyzer = CorpusAnalyzer.Create(corpus.SynonymsText);
        var passages = CollectPassages(corpus);
        var split = new List<(int Passage, string Text, bool Borrows)>();
        var searchables = new List<string>();
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        string? previous = null;
        Passage? previousPassage = null;
        foreach (var passage in passages)
        {
            AddWords(vocabulary, passage.Text);

            // The sentence before is looked back to across paragraphs of one document, not across documents or records.
            if (previousPassage is null || previousPassage.Source != passage.Source || previousPassage.SiteId != passage.SiteId || passage.Source.Kind == "fact sheet")
            {
                previous = null;
            }

            previousPassage = passage;
            foreach (var text in SentenceSplitter.Split(passage.Text))
            {
                // "It is based in Luxembourg." is found by what "it" is: a sentence that starts with a
                // pronoun is searched together with the sentence before it.
                var borrows = previous is not null && (StartsWithPronoun(text) || RefersBack(text, previous));
                var searchable = borrows ? $"{previous} {text}" : text;

                // A fact sheet entry's title says what its sentences are about ("Second wave of AI Factories").
                if (passage.Section is { } section && passage.Source.Kind == "fact sheet")
                {
                    searchable = $"{section}. {searchable}";
                }

                previous = text;
                split.Add((passage.Ordinal, text, borrows));
                searchables.Add(searchable);
            }
        }

        var sentences = new List<Sentence>(split.Count);
        foreach (var (passage, text, borrows) in split)
        {
            sentences.Add(new Sentence(sentences.Count, passage, text) { Borrows = borrows });
        }

        // Only the fields questions filter by: names are found by the entity matcher, and a name
        // indexed here would make its typos look like known words. A value is found by its words in
        // every language: "santé" finds the sites whose sector is "health", "nouveau" those whose system is new.
        var siteFields = corpus.Sites
            .Select(site => SiteFields.All.Where(f => f.Filter)
                .SelectMany(field => (SiteFields.Values(site, field.Name) ?? []).Select(value => (field.Name, Text: string.Join(' ', ValuePhrasings(corpus, field, value).Prepend(value)))))
                .ToList())
            .ToList();
        foreach (var (_, text) in siteFields.SelectMany(f => f))
        {
            AddWords(vocabulary, text);
        }

        // A process that has seen this corpus (and this engine) before opens the index it wrote then.
        var key = keepIndex ? IndexCache.Key(corpus.RootPath) : null;
        if (key is not null && IndexCache.TryOpen(corpus.RootPath, key, reader => Fits(reader, sentences.Count + corpus.Sites.Count)) is ({ } cachedDirectory, { } cachedReader))
        {
            return new KnowledgeIndex(analyzer, cachedDirectory, cachedReader, passages, sentences, searchables, vocabulary, clock.Elapsed) { FromCache = true };
        }

        var directory = new RAMDirectory();
        WriteIndex(directory, analyzer, sentences, searchables, siteFields);
        if (key is not null)
        {
            IndexCache.TrySave(directory, corpus.RootPath, key);
        }

        return new KnowledgeIndex(analyzer, directory, DirectoryReader.Open(directory), passages, sentences, searchables, vocabulary, clock.Elapsed);
    }

    /// <summary>One Lucene document per evidence sentence, then one per site record with a field per filterable field.</summary>
    private static void WriteIndex(RAMDirectory directory, CorpusAnalyzer analyzer, List<Sentence> sentences, List<string> searchables, List<List<(string Field, string Text)>> siteFields)
    {
        // Site fields hold values, not prose: indexed by their own stems, without synonyms, so that a
        // filter on "finance" is not matched by "cost" or "budget".
        using var stemmer = CorpusAnalyzer.Create(string.Empty);
        using var perField = new Lucene.Net.Analysis.Miscellaneous.PerFieldAnalyzerWrapper(
            stemmer, new Dictionary<string, Lucene.Net.Analysis.Analyzer> { [TextField] = analyzer });
        var config = new IndexWriterConfig(CorpusAnalyzer.Version, perField)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
        };
        using var writer = new IndexWriter(directory, config);
        foreach (var sentence in sentences)
        {
            writer.AddDocument(
            [
                new StringField(KindField, SentenceKind, Field.Store.NO),
                new NumericDocValuesField(OrdinalField, sentence.Ordinal),
                new TextField(TextField, searchables[sentence.Ordinal], Field.Store.NO),
            ]);
        }

        for (var i = 0; i < siteFields.Count; i++)
        {
            var document = new Document
            {
                new StringField(KindField, SiteKind, Field.Store.NO),
                new NumericDocValuesField(OrdinalField, i),
            };
            foreach (var (field, text) in siteFields[i])
            {
                document.Add(new TextField(SiteFieldPrefix + field, text, Field.Store.NO));
            }

            writer.AddDocument(document);
        }

        // One segment: searches then run on a single atomic reader, without the per-query
        // cost of merging statistics across segments.
        writer.ForceMerge(1);
        writer.Commit();
    }

    private static readonly string[] Pronouns = ["It ", "Its ", "They ", "Their ", "This ", "These ", "That ", "Those ", "He ", "She "];

    private static bool StartsWithPronoun(string sentence) => Pronouns.Any(p => sentence.StartsWith(p, StringComparison.Ordinal));

    /// <summary>
    /// "The hub was founded by…" after "The Nordlys AI hub opened…": a sentence that starts with "The"
    /// and a noun the sentence before it used is about the same thing, and is searched with it.
    /// </summary>
    private static bool RefersBack(string sentence, string previous)
    {
        if (!sentence.StartsWith("The ", StringComparison.Ordinal))
        {
            return false;
        }

        var end = sentence.IndexOfAny([' ', ',', '.'], 4);
        var noun = end < 0 ? sentence[4..] : sentence[4..end];
        return noun.Length > 2 && char.IsLower(noun[0])
            && System.Text.RegularExpressions.Regex.IsMatch(previous, $@"\b{System.Text.RegularExpressions.Regex.Escape(noun)}\b");
    }

    /// <summary>A field value as each language writes it, where languages write it differently.</summary>
    private static IEnumerable<string> ValuePhrasings(KnowledgeCorpus corpus, SiteField field, string value) => field.Type switch
    {
        Corpus.FieldType.Sectors => corpus.Languages.Packs.Select(p => p.Sectors.GetValueOrDefault(value)).OfType<string>(),
        Corpus.FieldType.Countries => corpus.Languages.Packs.Select(p => p.Countries.GetValueOrDefault(value)).OfType<string>(),
        Corpus.FieldType.Enum => corpus.Languages.Packs.Select(p => p.Values.GetValueOrDefault($"{field.Name}_{value}")).OfType<string>(),
        _ => [],
    };

    private static List<Passage> CollectPassages(KnowledgeCorpus corpus)
    {
        var passages = new List<Passage>();
        foreach (var document in corpus.Documents)
        {
            var source = new PassageSource(document.Id, document.Title, document.Kind, document.Date, [document.Origin], document.Language);
            foreach (var paragraph in document.Paragraphs)
            {
                passages.Add(new Passage(passages.Count, source, paragraph.Section, paragraph.Text, null));
            }
        }

        foreach (var entry in corpus.FactSheet.Entries)
        {
            var source = new PassageSource("factsheet:" + entry.Id, $"{corpus.FactSheet.Title}: {entry.Title}", "fact sheet", entry.Date, entry.Sources);
            passages.Add(new Passage(passages.Count, source, entry.Title, entry.Text, null));
        }

        foreach (var site in corpus.Sites)
        {
            var name = site.Name ?? $"AI Factory Antenna of {site.Country}";
            var source = new PassageSource("site:" + site.Id, $"Site record {site.Id}: {name} ({(site.City is null ? site.Country : $"{site.City}, {site.Country}")})", "site record", null, site.Sources);
            foreach (var text in site.Notes.Concat(new[] { site.Status, site.Budget?.Detail is null ? null : $"Budget: {site.Budget.Amount}, {site.Budget.Detail}." }.OfType<string>()))
            {
                passages.Add(new Passage(passages.Count, source, "notes", text, site.Id));
            }
        }

        return passages;
    }

    private static void AddWords(Dictionary<string, int> vocabulary, string text)
    {
        foreach (var word in TextFolding.Words(text))
        {
            vocabulary[word] = vocabulary.GetValueOrDefault(word) + 1;
        }
    }
}
