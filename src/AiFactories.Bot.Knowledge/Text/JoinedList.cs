namespace AiFactories.Bot.Knowledge.Text;

/// <summary>
/// A short list of distinct names (language codes, field names) kept as one string joined by commas
/// while word tables are built: most words and phrases have one name, which is then the string
/// itself, with no list or set made for each of tens of thousands of them. The names hold no comma.
/// </summary>
internal static class JoinedList
{
    /// <summary>The list with <paramref name="item"/> added at the end, unless it is there already; null is the empty list.</summary>
    public static string With(string? list, string item) =>
        list is null ? item : Contains(list, item) ? list : string.Concat(list, ",", item);

    public static bool Contains(string list, ReadOnlySpan<char> item)
    {
        foreach (var range in list.AsSpan().Split(','))
        {
            if (list.AsSpan(range).SequenceEqual(item))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether two lists hold the same names, in any order.</summary>
    public static bool SameItems(string? one, string? other)
    {
        if (one == other)
        {
            return true;
        }

        if (one is null || other is null || one.Length != other.Length)
        {
            return false;
        }

        foreach (var range in one.AsSpan().Split(','))
        {
            if (!Contains(other, one.AsSpan(range)))
            {
                return false;
            }
        }

        return true;
    }
}
