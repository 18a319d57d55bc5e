namespace AiFactories.Bot.Knowledge.Text;

/// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions), bounded.</summary>
public static class EditDistance
{
    /// <summary>How many edits a typo may have: none for short words, one from 5 letters, two from 9.</summary>
    public static int AllowedEdits(int length) => length >= 9 ? 2 : length >= 5 ? 1 : 0;

    /// <summary>The distance, or <paramref name="max"/> + 1 when it is larger than <paramref name="max"/>.</summary>
    public static int Distance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        if (b.Length > 256 || LettersDiffer(a, b, max))
        {
            return max + 1;
        }

        Span<int> rows = stackalloc int[3 * (b.Length + 1)];
        var previous2 = rows[..(b.Length + 1)];
        var previous = rows.Slice(b.Length + 1, b.Length + 1);
        var current = rows.Slice(2 * (b.Length + 1), b.Length + 1);
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            var oldest = previous2;
            previous2 = previous;
            previous = current;
            current = oldest;
        }

        return previous[b.Length] <= max ? previous[b.Length] : max + 1;
    }

    /// <summary>
    /// A quick test before the table: each edit changes by at most one the letters one word has and
    /// the other lacks, so words with more such letters than <paramref name="max"/> are too far apart.
    /// Letters are counted in 64 buckets; a shared bucket can only hide a difference, never invent one.
    /// </summary>
    private static bool LettersDiffer(string a, string b, int max)
    {
        Span<short> counts = stackalloc short[64];
        foreach (var c in a)
        {
            counts[c & 63]++;
        }

        foreach (var c in b)
        {
            counts[c & 63]--;
        }

        int more = 0, fewer = 0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                more += count;
            }
            else
            {
                fewer -= count;
            }
        }

        return more > max || fewer > max;
    }
}
