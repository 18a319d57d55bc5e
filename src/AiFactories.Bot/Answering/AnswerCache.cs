using System.Diagnostics.CodeAnalysis;
using AiFactories.Bot.Knowledge;
using AiFactories.Bot.Knowledge.Answers;

namespace AiFactories.Bot.Answering;

/// <summary>
/// The answers to the questions asked most recently, by their text and the asker's locale, so a
/// question asked again (autocomplete offers everyone the same texts) is not read and composed again.
/// An answer depends only on the question, the locale and the loaded knowledge, and is immutable, so
/// the same one may be served to many askers; a reload empties the cache.
/// </summary>
/// <remarks>
/// Two generations of at most half the capacity each: a hit in the older one moves the answer to the
/// newer one, and when the newer one is full it becomes the older one, dropping what was there. That
/// keeps what is asked again and forgets what is not, with one lock and no bookkeeping per hit. It
/// holds at most the capacity rounded up to an even number.
/// </remarks>
public sealed class AnswerCache(int capacity)
{
    private readonly Lock _gate = new();
    private readonly int _generation = Math.Max(1, capacity / 2);
    private Dictionary<(string Question, string? Locale), Answer> _newer = [];
    private Dictionary<(string Question, string? Locale), Answer> _older = [];
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

    /// <summary>The answer given to this question in this locale from this knowledge, if it is still kept.</summary>
    public bool TryGet(KnowledgeBase knowledge, string question, string? locale, [NotNullWhen(true)] out Answer? answer)
    {
        answer = null;
        if (!Enabled)
        {
            return false;
        }

        lock (_gate)
        {
            Own(knowledge);
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

    /// <summary>Forgets every answer (after a reload), so none keeps the replaced knowledge in memory.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _newer = [];
            _older = [];
            _for = null;
        }
    }

    /// <summary>Keeps an answer composed from this knowledge.</summary>
    public void Add(KnowledgeBase knowledge, string question, string? locale, Answer answer)
    {
        if (!Enabled)
        {
            return;
        }

        lock (_gate)
        {
            Own(knowledge);
            Keep((question, locale), answer);
        }
    }

    /// <summary>
    /// Whether the kept answers are this knowledge's: other knowledge (after a reload) empties the
    /// cache and takes it over, so an answer is only ever served from the knowledge it was composed from.
    /// </summary>
    private void Own(KnowledgeBase knowledge)
    {
        if (!ReferenceEquals(_for, knowledge))
        {
            _newer = [];
            _older = [];
            _for = knowledge;
        }
    }

    private void Keep((string, string?) key, Answer answer)
    {
        if (_newer.Count >= _generation && !_newer.ContainsKey(key))
        {
            _older = _newer;
            _newer = [];
        }

        _newer[key] = answer;
    }
}
