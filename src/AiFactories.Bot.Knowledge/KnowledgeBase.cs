using AiFactories.Bot.Knowledge.Answers;
using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Knowledge.Search;

namespace AiFactories.Bot.Knowledge;

/// <summary>
/// One loaded, immutable state of the bot's knowledge: the corpus, its index and the engine over
/// them. Safe to share between threads; a reload builds a new one and swaps the reference.
/// </summary>
public sealed class KnowledgeBase : IDisposable
{
    private KnowledgeBase(KnowledgeCorpus corpus, KnowledgeIndex index, AnswerSettings settings)
    {
        Corpus = corpus;
        Index = index;
        Entities = new EntityMatcher(corpus);
        Formatter = new SiteFormatter(corpus.Lexicon);
        Reader = new QuestionReader(corpus, index, Entities);
        Engine = new AnswerEngine(corpus, index, Entities, Reader, Formatter, settings);
        Suggestions = new QuestionSuggestions(corpus, Formatter);
    }

    public QuestionSuggestions Suggestions { get; }

    public KnowledgeCorpus Corpus { get; }

    public KnowledgeIndex Index { get; }

    public EntityMatcher Entities { get; }

    public SiteFormatter Formatter { get; }

    public QuestionReader Reader { get; }

    public AnswerEngine Engine { get; }

    /// <summary>Loads and validates the corpus folder and builds the index.</summary>
    /// <exception cref="CorpusException">The corpus is missing or wrong; the message says where.</exception>
    public static KnowledgeBase Load(string corpusPath, AnswerSettings? settings = null)
    {
        var corpus = CorpusLoader.Load(corpusPath);
        KnowledgeIndex index;
        try
        {
            index = KnowledgeIndex.Build(corpus);
        }
        catch (FormatException e)
        {
            throw new CorpusException(Path.Combine(Path.GetFileName(corpus.RootPath), CorpusLoader.SynonymsFile), null, null, e.Message);
        }

        return new KnowledgeBase(corpus, index, settings ?? new AnswerSettings());
    }

    public Answer Ask(string question) => Engine.Ask(question);

    public void Dispose() => Index.Dispose();
}
