namespace AiFactories.Bot.Knowledge.Text;

/// <summary>Splits a paragraph into sentences for evidence. List items are sentences of their own.</summary>
public static class SentenceSplitter
{
    public static List<string> Split(string paragraph)
    {
        var sentences = new List<string>();
        foreach (var rawLine in paragraph.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                line = line[2..].Trim();
            }

            var start = 0;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if ((c == '.' || c == '?' || c == '!') && IsBoundary(line, i))
                {
                    Add(sentences, line[start..(i + 1)]);
                    start = i + 1;
                }
            }

            Add(sentences, line[start..]);
        }

        return sentences;
    }

    // A stop ends a sentence when white space and a capital letter, digit or quote follow it;
    // "1.5 billion" and "e.g. the" do not.
    private static bool IsBoundary(string line, int i)
    {
        if (i + 1 >= line.Length)
        {
            return true;
        }

        if (!char.IsWhiteSpace(line[i + 1]))
        {
            return false;
        }

        var j = i + 1;
        while (j < line.Length && char.IsWhiteSpace(line[j]))
        {
            j++;
        }

        return j >= line.Length || char.IsUpper(line[j]) || char.IsDigit(line[j]) || line[j] is '"' or '“' or '(' || line[i] != '.';
    }

    private static void Add(List<string> sentences, string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Any(char.IsLetterOrDigit))
        {
            sentences.Add(trimmed);
        }
    }
}
