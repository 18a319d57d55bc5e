namespace AiFactories.Bot.Knowledge.Tests.Search;

/// <summary>The index kept beside the corpus: opened when it matches, built again when it does not or cannot be read.</summary>
public sealed class IndexCacheTests
{
    private const string Question = "Who hosts the AI Factory in Stuttgart?";

    [Fact]
    public void ASecondLoadOpensTheKeptIndexAndAnswersTheSame()
    {
        using var copy = new CorpusCopy();
        using var built = KnowledgeBase.Load(copy.Root);
        Assert.False(built.Summary.IndexFromCache);
        Assert.Single(Directory.GetDirectories(copy.PathOf(".index")));

        using var opened = KnowledgeBase.Load(copy.Root);
        Assert.True(opened.Summary.IndexFromCache);
        Assert.Equal(built.Summary.LuceneDocuments, opened.Summary.LuceneDocuments);
        Assert.Equal(built.Ask(Question).Text, opened.Ask(Question).Text);
        Assert.Equal(built.Search("supercomputer funding", 5).Select(h => h.Sentence), opened.Search("supercomputer funding", 5).Select(h => h.Sentence));
    }

    [Fact]
    public void SaysWhetherALoadWillFindItsIndexKept()
    {
        using var copy = new CorpusCopy();
        Assert.False(KnowledgeBase.HasKeptIndex(copy.Root));
        using (KnowledgeBase.Load(copy.Root))
        {
        }

        Assert.True(KnowledgeBase.HasKeptIndex(copy.Root));
        File.AppendAllText(copy.PathOf("synonyms.txt"), "\n# an edit the index must notice\n");
        Assert.False(KnowledgeBase.HasKeptIndex(copy.Root));
        Assert.False(KnowledgeBase.HasKeptIndex(copy.PathOf("no such folder")));
    }

    [Fact]
    public void AChangedCorpusIsIndexedAgainAndTheOldCopyGoes()
    {
        using var copy = new CorpusCopy();
        using (KnowledgeBase.Load(copy.Root))
        {
        }

        var before = Directory.GetDirectories(copy.PathOf(".index")).Single();
        File.AppendAllText(copy.PathOf("synonyms.txt"), "\n# an edit the index must notice\n");
        using var changed = KnowledgeBase.Load(copy.Root);
        Assert.False(changed.Summary.IndexFromCache);
        var after = Directory.GetDirectories(copy.PathOf(".index")).Single();
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void ADamagedCopyIsBuiltAgain()
    {
        using var copy = new CorpusCopy();
        using (KnowledgeBase.Load(copy.Root))
        {
        }

        var kept = Directory.GetDirectories(copy.PathOf(".index")).Single();
        foreach (var file in Directory.GetFiles(kept))
        {
            File.WriteAllText(file, "not a Lucene file");
        }

        using var rebuilt = KnowledgeBase.Load(copy.Root);
        Assert.False(rebuilt.Summary.IndexFromCache);
        Assert.Contains("Stuttgart", rebuilt.Ask(Question).Text, StringComparison.Ordinal);

        using var reopened = KnowledgeBase.Load(copy.Root);
        Assert.True(reopened.Summary.IndexFromCache);
    }

    [Fact]
    public void AKeptCopyOfAnOlderLayoutIsBuiltAgain()
    {
        using var copy = new CorpusCopy();
        int documents;
        using (var built = KnowledgeBase.Load(copy.Root))
        {
            documents = built.Summary.LuceneDocuments;
        }

        // As many documents as expected, under the same key, but their ordinals stored rather than
        // kept as doc values (the layout before): it opens, and must not be served.
        var kept = Directory.GetDirectories(copy.PathOf(".index")).Single();
        foreach (var file in Directory.GetFiles(kept))
        {
            File.Delete(file);
        }

        using (var disk = Lucene.Net.Store.FSDirectory.Open(kept))
        using (var writer = new Lucene.Net.Index.IndexWriter(disk, new Lucene.Net.Index.IndexWriterConfig(
            Lucene.Net.Util.LuceneVersion.LUCENE_48, new Lucene.Net.Analysis.Core.KeywordAnalyzer())))
        {
            for (var i = 0; i < documents; i++)
            {
                writer.AddDocument([new Lucene.Net.Documents.StoredField("ord", i)]);
            }

            writer.ForceMerge(1);
            writer.Commit();
        }

        using var rebuilt = KnowledgeBase.Load(copy.Root);
        Assert.False(rebuilt.Summary.IndexFromCache);
        Assert.Contains("Stuttgart", rebuilt.Ask(Question).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ACorpusWhereNoIndexCanBeKeptIsStillLoaded()
    {
        // A file where the folder should be stands for any folder that cannot be written (a read-only
        // corpus, a full disk), and works even for root, whom file modes do not stop.
        using var copy = new CorpusCopy();
        copy.Write(".index", "in the way");
        using var knowledge = KnowledgeBase.Load(copy.Root);
        Assert.False(knowledge.Summary.IndexFromCache);
        Assert.Contains("Stuttgart", knowledge.Ask(Question).Text, StringComparison.Ordinal);
        Assert.Equal("in the way", copy.Read(".index"));
    }

    [Fact]
    public void ALoadThatKeepsNothingNeitherOpensNorWritesAKeptIndex()
    {
        using var copy = new CorpusCopy();
        using (KnowledgeBase.Load(copy.Root))
        {
        }

        using (var notOpened = KnowledgeBase.Load(copy.Root, keepIndex: false))
        {
            Assert.False(notOpened.Summary.IndexFromCache);
        }

        Directory.Delete(Directory.GetDirectories(copy.PathOf(".index")).Single(), recursive: true);
        using var notKept = KnowledgeBase.Load(copy.Root, keepIndex: false);
        Assert.False(notKept.Summary.IndexFromCache);
        Assert.Empty(Directory.GetDirectories(copy.PathOf(".index")));
    }
}
