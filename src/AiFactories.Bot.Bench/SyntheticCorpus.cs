using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFactories.Bot.Bench;

/// <summary>
/// The real corpus multiplied: for a factor N, N-1 generated documents (the real paragraphs with
/// generated names and numbers, so the vocabulary grows as a real corpus would) and N-1 generated
/// copies of each site record with their own ids, names and aliases.
/// </summary>
public static class SyntheticCorpus
{
    public static string Create(string corpusPath, int factor)
    {
        var root = Path.Combine(Path.GetTempPath(), $"aifactories-bench-{factor}x-{Guid.NewGuid():N}", "corpus");
        CopyDirectory(corpusPath, root);
        if (factor <= 1)
        {
            return root;
        }

        var random = new Random(factor);
        var documents = Directory.GetFiles(Path.Combine(corpusPath, "documents"));
        var sites = Directory.GetFiles(Path.Combine(corpusPath, "sites"));
        for (var copy = 1; copy < factor; copy++)
        {
            foreach (var document in documents)
            {
                var text = File.ReadAllText(document);
                var header = text[..(text.IndexOf("\n---", 4, StringComparison.Ordinal) + 4)];
                var body = text[header.Length..];
                header = header.Replace("\nid: ", $"\nid: syn{copy}-", StringComparison.Ordinal);
                var generated = new StringBuilder(header);
                foreach (var paragraph in body.Split("\n\n"))
                {
                    generated.Append(Mutate(paragraph, copy, random)).Append("\n\n");
                }

                File.WriteAllText(Path.Combine(root, "documents", $"syn{copy}-{Path.GetFileName(document)}"), generated.ToString());
            }

            foreach (var site in sites)
            {
                var record = JsonNode.Parse(File.ReadAllText(site))!.AsObject();
                var id = record["id"]!.GetValue<string>();
                var name = $"Synthcity{copy.ToString(CultureInfo.InvariantCulture)}{id}";
                record["id"] = $"syn{copy}-{id}";
                record["name"] = $"Synthfactory {copy} {id}";
                record["aliases"] = new JsonArray($"Synthalias{copy}{id}", $"Synth{copy} {id} machine");
                if (record["kind"]?.GetValue<string>() == "antenna")
                {
                    // An antenna copy is linked to the copies of its factories.
                    if (record["linked_factories"] is JsonArray linked)
                    {
                        record["linked_factories"] = new JsonArray(linked.Select(f => (JsonNode)$"syn{copy}-{f!.GetValue<string>()}").ToArray());
                    }
                }
                else
                {
                    record["city"] = name;
                    record["wave"] = 4 + (copy % 5);
                }
                File.WriteAllText(Path.Combine(root, "sites", $"syn{copy}-{id}.json"), record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
        }

        return root;
    }

    public static void Delete(string root)
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(root)!, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Mutate(string paragraph, int copy, Random random)
    {
        if (paragraph.StartsWith('#'))
        {
            return paragraph;
        }

        var words = paragraph.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            if (random.Next(8) == 0 && words[i].Length > 3 && words[i].All(char.IsLetter))
            {
                words[i] = $"{words[i]}{(char)('a' + random.Next(26))}{copy % 97}";
            }
        }

        return string.Join(' ', words);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        // Not the index kept beside the corpus: every grown corpus is built from scratch.
        foreach (var directory in Directory.GetDirectories(from).Where(d => !Path.GetFileName(d).StartsWith('.')))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
