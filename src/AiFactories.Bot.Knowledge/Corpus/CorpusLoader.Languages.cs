using System.Text.RegularExpressions;

namespace AiFactories.Bot.Knowledge.Corpus;

/// <summary>
/// Reading languages/*.json. English is required and is the reference: every other language must
/// have every key English has, with the same placeholders in each text.
/// </summary>
public static partial class CorpusLoader
{
    private static readonly string[] TextSections = ["values", "formats", "answers", "ui"];

    private static LanguageCatalog LoadLanguages(string root)
    {
        var folder = Path.Combine(root, LanguagesFolder);
        if (!Directory.Exists(folder))
        {
            throw new CorpusException(Relative(root, folder), null, null, "required folder is missing");
        }

        var packs = new List<LanguagePack>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            packs.Add(ReadLanguage(Relative(root, path), path));
        }

        var english = packs.FirstOrDefault(p => p.Code == LanguageCatalog.English)
            ?? throw new CorpusException(Relative(root, Path.Combine(folder, "en.json")), null, null, "required file is missing (English is the reference language)");
        foreach (var pack in packs)
        {
            CheckAgainstReference(pack, english);
        }

        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pack in packs.Where(p => !codes.Add(p.Code)))
        {
            throw new CorpusException(pack.File, pack.Code, "code", "another language file has this code");
        }

        return new LanguageCatalog(packs);
    }

    private static LanguagePack ReadLanguage(string file, string path)
    {
        using var json = JsonFields.ParseFile(file, path);
        var top = new JsonFields(json.RootElement, file, Path.GetFileNameWithoutExtension(path));
        var code = top.RequiredString("code");
        top.Record = code;
        if (!string.Equals(code, Path.GetFileNameWithoutExtension(path), StringComparison.Ordinal))
        {
            throw top.Problem("code", $"'{code}' must match the file name");
        }

        var words = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var wordsElement = top.RequiredObject("words");
        var wordsReader = new JsonFields(wordsElement, file, code);
        foreach (var key in WordLists.All)
        {
            words[key] = wordsReader.RequiredStrings(key, allowEmpty: true);
        }

        wordsReader.RejectUnknownFields();
        var fields = new Dictionary<string, FieldWords>(StringComparer.Ordinal);
        foreach (var property in top.RequiredObject("fields").EnumerateObject())
        {
            if (!SiteFields.IsKnown(property.Name))
            {
                throw new CorpusException(file, code, $"fields.{property.Name}", $"not a site record field (known: {string.Join(", ", SiteFields.Names)})");
            }

            var spec = new JsonFields(property.Value, file, code);
            fields[property.Name] = new FieldWords(spec.RequiredString("label"), spec.RequiredStrings("cues", allowEmpty: true), spec.RequiredString("answer"));
            spec.RejectUnknownFields();
        }

        var months = top.RequiredStrings("months", allowEmpty: false);
        if (months.Count != 12)
        {
            throw top.Problem("months", $"expected the 12 month names, found {months.Count}");
        }

        var pack = new LanguagePack(
            code,
            top.RequiredString("name"),
            top.RequiredString("native_name"),
            top.RequiredStrings("discord_locales", allowEmpty: true),
            words,
            top.OptionalStrings("stop_words", allowEmpty: true) ?? [],
            fields,
            top.StringMap("values", required: true),
            months,
            top.StringMap("formats", required: true),
            top.StringMap("answers", required: true),
            top.StringMap("ui", required: true),
            top.StringMap("sectors", required: false),
            top.StringMap("countries", required: false),
            top.OptionalStrings("suggestions", allowEmpty: true) ?? [],
            file);
        top.RejectUnknownFields();
        return pack;
    }

    /// <summary>Every key English has, with the same placeholders; no key English lacks.</summary>
    private static void CheckAgainstReference(LanguagePack pack, LanguagePack english)
    {
        foreach (var (name, reference) in english.Fields)
        {
            if (!pack.Fields.TryGetValue(name, out var words))
            {
                throw new CorpusException(pack.File, pack.Code, $"fields.{name}", "missing: every language needs every field English has");
            }

            CheckPlaceholders(pack, $"fields.{name}.answer", words.Answer, reference.Answer);
        }

        foreach (var name in pack.Fields.Keys.Where(k => !english.Fields.ContainsKey(k)))
        {
            throw new CorpusException(pack.File, pack.Code, $"fields.{name}", "English has no such field");
        }

        foreach (var section in TextSections)
        {
            var mine = Section(pack, section);
            var theirs = Section(english, section);
            foreach (var (key, text) in theirs)
            {
                if (!mine.TryGetValue(key, out var translated))
                {
                    throw new CorpusException(pack.File, pack.Code, $"{section}.{key}", "missing: every language needs every key English has");
                }

                CheckPlaceholders(pack, $"{section}.{key}", translated, text);
            }

            foreach (var key in mine.Keys.Where(k => !theirs.ContainsKey(k)))
            {
                throw new CorpusException(pack.File, pack.Code, $"{section}.{key}", "English has no such key");
            }
        }
    }

    private static IReadOnlyDictionary<string, string> Section(LanguagePack pack, string section) => section switch
    {
        "values" => pack.Values,
        "formats" => pack.Formats,
        "answers" => pack.Answers,
        _ => pack.Ui,
    };

    private static void CheckPlaceholders(LanguagePack pack, string key, string text, string reference)
    {
        // Most texts have no placeholder: nothing to compare, and no sets made for 18 languages' texts.
        if (!text.Contains('{', StringComparison.Ordinal) && !reference.Contains('{', StringComparison.Ordinal))
        {
            return;
        }

        var mine = Placeholders(text);
        var theirs = Placeholders(reference);
        if (!mine.SetEquals(theirs))
        {
            throw new CorpusException(pack.File, pack.Code, key,
                $"placeholders {{{string.Join("}, {", mine.Order())}}} differ from English's {{{string.Join("}, {", theirs.Order())}}}");
        }
    }

    internal static HashSet<string> Placeholders(string template)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var match in PlaceholderPattern().EnumerateMatches(template))
        {
            names.Add(template.Substring(match.Index + 1, match.Length - 2));
        }

        return names;
    }

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    internal static partial Regex PlaceholderPattern();
}
