namespace AiFactories.Bot.Knowledge.Text;

/// <summary>Set helpers the collections do not have.</summary>
internal static class Sets
{
    /// <summary>
    /// Whether two sets share an element, looking up the smaller one's elements in the larger:
    /// <see cref="IReadOnlySet{T}.Overlaps"/> walks its argument whatever its size, and on a large
    /// network one side can be thousands of site ids or values against a sentence's few words.
    /// Both sets must compare alike (the larger one's comparer decides).
    /// </summary>
    public static bool Share<T>(IReadOnlySet<T> one, IReadOnlySet<T> other)
    {
        var (small, large) = one.Count <= other.Count ? (one, other) : (other, one);
        foreach (var item in small)
        {
            if (large.Contains(item))
            {
                return true;
            }
        }

        return false;
    }
}
