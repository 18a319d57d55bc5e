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
    public static KnowledgeIndex Build(KnowledgeCorpus corpus)
    {
        var clock = Stopwatch.StartNew();
        var analyzer = CorpusAnalyzer.Create(corpus.SynonymsText);
        var passages = CollectPassages(corpus);
        var sentences = new List<Sentence>();
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var directory = new RAMDirectory();

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
        using (var writer = new IndexWriter(directory, config))
        {
            foreach (var passage in passages)
            {
                AddWords(vocabulary, passage.Text);
                foreach (var text in SentenceSplitter.Split(passage.Text))
                {
                    var sentence = new Sentence(sentences.Count, passage.Ordinal, text, Terms(analyzer, text).ToHashSet(StringComparer.Ordinal));
                    sentences.Add(sentence);
                    writer.AddDocument(
                    [
                        new StringField(KindField, "sentence", Field.Store.YES),
                        new StoredField(OrdinalField, sentence.Ordinal),
                        new TextField(TextField, text, Field.Store.NO),
                    ]);
                }
            }

            for (var i = 0; i < corpus.Sites.Count; i++)
            {
                var site = corpus.Sites[i];
                var document = new Document
                {
                    new StringField(KindField, "site", Field.Store.YES),
                    new StoredField(OrdinalField, i),
                };
                foreach (var name in SiteFields.Names)
                {
                    var named = corpus.Lexicon.Fields.FirstOrDefault(f => f.Name == name)?.Values;
                    foreach (var value in SiteFields.Values(site, name))
                    {
                        // A value the lexicon spells out ("new" is "a new AI-optimised supercomputer")
                        // is found by the words of either.
                        var text = named is not null && named.TryGetValue(value, out var shown) ? $"{value} {shown}" : value;
                        document.Add(new TextField(SiteFieldPrefix + name, text, Field.Store.NO));
                        AddWords(vocabulary, text);
                    }
                }

                writer.AddDocument(document);
            }

            // One segment: searches then run on a single atomic reader, without the per-query
            // cost of merging statistics across segments.
            writer.ForceMerge(1);
            writer.Commit();
        }

        return new KnowledgeIndex(analyzer, directory, passages, sentences, vocabulary, clock.Elapsed);
    }

    private static List<Passage> CollectPassages(KnowledgeCorpus corpus)
    {
        var passages = new List<Passage>();
        foreach (var document in corpus.Documents)
        {
            var source = new PassageSource(document.Id, document.Title, document.Kind, document.Date, [document.Origin]);
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
            var source = new PassageSource("site:" + site.Id, $"Site record {site.Id}: {site.Factory} ({site.City}, {site.Country})", "site record", null, site.Sources);
            foreach (var note in site.Notes)
            {
                passages.Add(new Passage(passages.Count, source, "notes", note, site.Id));
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
