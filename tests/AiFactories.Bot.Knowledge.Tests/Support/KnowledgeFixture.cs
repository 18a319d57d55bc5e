namespace AiFactories.Bot.Knowledge.Tests.Support;

/// <summary>The real corpus with a real in-memory index, built once for the tests that share it.</summary>
public sealed class KnowledgeFixture : IDisposable
{
    public KnowledgeBase Knowledge { get; } = KnowledgeBase.Load(RepositoryPaths.Corpus);

    public void Dispose() => Knowledge.Dispose();
}

[CollectionDefinition(Name)]
public sealed class KnowledgeCollection : ICollectionFixture<KnowledgeFixture>
{
    public const string Name = "real corpus";
}
