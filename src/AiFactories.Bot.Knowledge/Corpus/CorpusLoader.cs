using System.Globalization;
using AiFactories.Bot.Knowledge.Text;

namespace AiFactories.Bot.Knowledge.Corpus;

/// <summary>
/// Reads the corpus folder and refuses it, with a message naming the file, the record and the
/// field, when anything in it is wrong. Layout: documents/*.md, sites/*.json (AI Factories and
/// AI Factory Antennas), factsheet.json, countries.json, languages/*.json, synonyms.txt.
/// </summary>
public static partial class CorpusLoader
{
    public const string DocumentsFolder = "documents";
    public const string SitesFolder = "sites";
    public const string LanguagesFolder = "languages";
    public const string FactSheetFile = "factsheet.json";
    public const string CountriesFile = "countries.json";
    public const string SynonymsFile = "synonyms.txt";

    public static KnowledgeCorpus Load(string rootPath)
    {
        var root = Path.GetFullPath(rootPath);
        if (!Directory.Exists(root))
        {
            throw new CorpusException(root, null, null, "corpus folder not found");
        }

        var languages = LoadLanguages(root);
        var countries = LoadCountries(root);
        var knownCountries = countries.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var sites = LoadSites(root, knownCountries);
        CheckNamesAndAliases(root, sites, countries, languages);
        var factSheet = LoadFactSheet(root, knownCountries);
        var documents = LoadDocuments(root);
        var (synonyms, groups) = LoadSynonyms(root);
        return new KnowledgeCorpus(root, documents, sites, factSheet, countries, languages, synonyms, groups);
    }

    /// <summary>Reads a document as the loader would, so a tool can check one before writing it.</summary>
    /// <exception cref="CorpusException">The document is wrong; the message says where.</exception>
    public static SourceDocument ReadDocument(string file, string text) => MarkdownDocumentReader.Read(file, file, text);

    private static string Relative(string root, string path) =>
        Path.Combine(Path.GetFileName(root), Path.GetRelativePath(root, path));

    private static string ReadText(string root, string path)
    {
        if (!File.Exists(path))
        {
            throw new CorpusException(Relative(root, path), null, null, "required file is missing");
        }

        return File.ReadAllText(path);
    }

    /// <summary>A required JSON file of the corpus, parsed (see <see cref="JsonFields.ParseFile"/>).</summary>
    private static System.Text.Json.JsonDocument ReadJson(string root, string path)
    {
        if (!File.Exists(path))
        {
            throw new CorpusException(Relative(root, path), null, null, "required file is missing");
        }

        return JsonFields.ParseFile(Relative(root, path), path);
    }

    private static List<CountryEntry> LoadCountries(string root)
    {
        var path = Path.Combine(root, CountriesFile);
        var file = Relative(root, path);
        using var json = ReadJson(root, path);
        var top = new JsonFields(json.RootElement, file, null);
        top.OptionalString("about");
        var countries = new List<CountryEntry>();
        var index = 0;
        foreach (var item in top.RequiredArray("countries").EnumerateArray())
        {
            var reader = new JsonFields(item, file, $"#{index}");
            var name = reader.RequiredString("name");
            reader.Record = name;
            countries.Add(new CountryEntry(name, reader.RequiredStrings("aliases", allowEmpty: true), reader.OptionalStrings("cities", allowEmpty: true) ?? []));
            reader.RejectUnknownFields();
            index++;
        }

        top.RejectUnknownFields();
        return countries;
    }

    private static FactSheet LoadFactSheet(string root, HashSet<string> knownCountries)
    {
        var path = Path.Combine(root, FactSheetFile);
        var file = Relative(root, path);
        using var json = ReadJson(root, path);
        var top = new JsonFields(json.RootElement, file, null);
        var title = top.RequiredString("title");
        var about = top.RequiredString("about");
        var asOfText = top.RequiredString("as_of");
        if (!DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf))
        {
            throw top.Problem("as_of", $"'{asOfText}' is not a date in the form yyyy-MM-dd (the date the knowledge runs to)");
        }
        var entries = new List<FactEntry>();
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var item in top.RequiredArray("entries").EnumerateArray())
        {
            var reader = new JsonFields(item, file, $"#{index}");
            var id = reader.RequiredString("id");
            reader.Record = id;
            if (!ids.Add(id))
            {
                throw reader.Problem("id", "duplicate id");
            }

            var date = reader.OptionalString("date");
            if (date is not null && !IsPartialDate(date))
            {
                throw reader.Problem("date", $"'{date}' is not a date in the form yyyy, yyyy-MM or yyyy-MM-dd");
            }

            var entry = new FactEntry(
                id,
                date,
                reader.RequiredString("title"),
                reader.RequiredString("text"),
                reader.RequiredStrings("sources", allowEmpty: false),
                reader.OptionalStrings("countries", allowEmpty: true) ?? []);
            reader.RejectUnknownFields();
            foreach (var country in entry.Countries.Where(c => !knownCountries.Contains(c)))
            {
                throw reader.Problem("countries", $"'{country}' is not listed in {CountriesFile}");
            }

            entries.Add(entry);
            index++;
        }

        top.RejectUnknownFields();
        return new FactSheet(title, about, asOf, entries, path);
    }

    internal static bool IsPartialDate(string text) =>
        DateOnly.TryParseExact(text, ["yyyy", "yyyy-MM", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static List<SourceDocument> LoadDocuments(string root)
    {
        var folder = Path.Combine(root, DocumentsFolder);
        if (!Directory.Exists(folder))
        {
            throw new CorpusException(Relative(root, folder), null, null, "required folder is missing");
        }

        var documents = new List<SourceDocument>();
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in Directory.EnumerateFiles(folder).Where(p => p.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
        {
            var document = MarkdownDocumentReader.Read(Relative(root, path), path, File.ReadAllText(path));
            if (!ids.Add(document.Id))
            {
                throw new CorpusException(Relative(root, path), document.Id, "id", "duplicate id: another document uses it already");
            }

            documents.Add(document);
        }

        if (documents.Count == 0)
        {
            throw new CorpusException(Relative(root, folder), null, null, "no documents (*.md) found");
        }

        return documents;
    }

    private static (string Text, int Groups) LoadSynonyms(string root)
    {
        var path = Path.Combine(root, SynonymsFile);
        var file = Relative(root, path);
        var text = ReadText(root, path);
        var groups = 0;
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.Contains("=>", StringComparison.Ordinal))
            {
                throw new CorpusException(file, null, null, "use groups of equivalent words separated by commas, not '=>' rules", lineNumber);
            }

            var words = line.Split(',').Select(w => w.Trim()).ToList();
            if (words.Count < 2 || words.Any(w => TextFolding.Key(w).Length == 0))
            {
                throw new CorpusException(file, null, null, "a synonym group needs two or more non-empty words or phrases separated by commas", lineNumber);
            }

            groups++;
        }

        return (text, groups);
    }
}
