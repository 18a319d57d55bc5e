using System.Diagnostics.CodeAnalysis;
using AiFactories.Bot.Knowledge;
using AiFactories.Bot.Knowledge.Answers;

namespace AiFactories.Bot.Answering;

/// <summary>
/// An answer the <see cref="AnswerCache"/> keeps, served as it is to everyone who asks its question
/// again, with a front end's rendering of it made once.
/// </summary>
public sealed class KeptAnswer(Answer answer)
{
    private object? _rendering;

    public Answer Answer { get; } = answer;

    /// <summary>
    /// The answer rendered by <paramref name="render"/>, made the first time and kept with the answer
    /// (one rendering per answer: the front end that serves it). Two askers at once may both render it;
    /// the renderings are equal.
    /// </summary>
    public T Rendering<T>(Func<Answer, T> render) where T : class
    {
        if (Volatile.Read(ref _rendering) is T made)
        {
            return made;
        }

        var rendered = render(Answer);
        Volatile.Write(ref _rendering, rendered);
        return rendered;
    }
}

/// <summary>
/// The answers to the questions asked again recently, by their text and the asker's locale, so a
/// question asked again (autocomplete offers everyone the same texts) is not read and composed again.
/// An answer depends only on the question, the locale and the loaded knowledge, and is immutable, so
/// the same one may be served to many askers; a reload empties the cache.
/// </summary>
/// <remarks>
/// An answer is kept the second time its question is asked: a question asked once is only
/// remembered by a hash, so a stream of questions never asked again keeps nothing (kept answers
/// outlive the youngest generation of the GC, and keeping every one made a server with 611 questions
/// going round slower than no cache, and 20 MiB larger). Kept answers are in two generations of up
/// to the capacity each: a hit in the older one moves the answer to the newer one, and when the newer
/// one is full it becomes the older one, dropping what was there. That keeps what is asked again and
/// forgets what is not, with one lock and no bookkeeping per hit: the answers of the last
/// <c>capacity</c> questions kept at least, and at most twice as many. (With generations of half the
/// capacity, a round of 90 questions in a cache of 128 pushed out some of them at every turn.)
/// </remarks>
public sealed class AnswerCache(int capacity)
{
    private readonly Lock _gate = new();
    private readonly int _generation = Math.Max(1, capacity);
    private Dictionary<(string Question, string? Locale), KeptAnswer> _newer = [];
    private Dictionary<(string Question, string? Locale), KeptAnswer> _older = [];

    // Questions asked before, by hash, in two generations of twice the capacity each; a collision only
    // keeps an answer one question early.
    private HashSet<int> _seen = [];
    private HashSet<int> _seenBefore = [];
    private KnowledgeBase? _for;

    /// <summary>Whether answers are kept at all (a capacity of 0 turns the cache off).</summary>
    public bool Enabled => capacity > 0;

    /// <summary>The answers kept now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _newer.Count + _older.Count;
            }
        }
    }

    /// <summary>The answer given to this question in this locale from this knowledge, if it is kept.</summary>
    public bool TryGet(KnowledgeBase knowledge, string question, string? locale, [NotNullWhen(true)] out KeptAnswer? answer)
    {
        answer = null;
        if (!Enabled)
        {
            return false;
        }

        lock (_gate)
        {
            if (!Own(knowledge))
            {
                return false;
            }

            var key = (question, locale);
            if (_newer.TryGetValue(key, out answer))
            {
                return true;
            }

            if (_older.Remove(key, out answer))
            {
                Keep(key, answer);
                return true;
            }

            return false;
        }
    }

    /// <summary>
    /// Offers an answer composed from this knowledge: kept if its question was asked before (and is
    /// returned as kept), only remembered as asked otherwise (null).
    /// </summary>
    public KeptAnswer? Add(KnowledgeBase knowledge, string question, string? locale, Answer answer)
    {
        if (!Enabled)
        {
            return null;
        }

        lock (_gate)
        {
            if (!Own(knowledge))
            {
                return null;
            }

            // The hash stays when the answer is kept: a question asked again after its answer was
            // dropped is kept again at once.
            var key = (question, locale);
            var hash = key.GetHashCode();
            if (!_seen.Contains(hash) && !_seenBefore.Contains(hash))
            {
                if (_seen.Count >= 2 * _generation)
                {
                    (_seenBefore, _seen) = (_seen, _seenBefore);
                    _seen.Clear();
                }

                _seen.Add(hash);
                return null;
            }

            var kept = new KeptAnswer(answer);
            Keep(key, kept);
            return kept;
        }
    }

    /// <summary>
    /// Forgets every answer when a reload has swapped in <paramref name="next"/>, so none keeps the
    /// replaced knowledge in memory; from then on only answers from <paramref name="next"/> are kept.
    /// </summary>
    public void Reloaded(KnowledgeBase next)
    {
        lock (_gate)
        {
            Empty();
            _for = next;
        }
    }

    /// <summary>
    /// Whether the kept answers are this knowledge's. The first knowledge asked about is taken; after
    /// that only a reload (<see cref="Reloaded"/>) moves the cache to other knowledge, so a question
    /// still answering on the replaced knowledge neither finds nor keeps anything (and the replaced
    /// knowledge is not held in memory by the cache).
    /// </summary>
    private bool Own(KnowledgeBase knowledge)
    {
        _for ??= knowledge;
        return ReferenceEquals(_for, knowledge);
    }

    private void Empty()
    {
        _newer = [];
        _older = [];
        _seen = [];
        _seenBefore = [];
    }

    private void Keep((string, string?) key, KeptAnswer answer)
    {
        if (_newer.Count >= _generation && !_newer.ContainsKey(key))
        {
            _older = _newer;
            _newer = [];
        }

        _newer[key] = answer;
    }
}
