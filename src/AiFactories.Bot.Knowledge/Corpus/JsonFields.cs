using System.Text.Json;

namespace AiFactories.Bot.Knowledge.Corpus;

/// <summary>
/// Reads one JSON object field by field, so that every problem is reported with the file, the
/// record and the field, and fields nobody asked for are refused as unknown.
/// </summary>
internal sealed class JsonFields
{
    private readonly JsonElement _element;
    private readonly string _file;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public JsonFields(JsonElement element, string file, string? record)
    {
        _file = file;
        Record = record;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CorpusException(file, record, null, $"expected a JSON object, found {Describe(element.ValueKind)}");
        }

        _element = element;
    }

    public string? Record { get; set; }

    public string File => _file;

    private static JsonDocument Parse(string file, string text) => Parse(file, () => JsonDocument.Parse(text, Options));

    /// <summary>
    /// A corpus file's JSON, parsed from its bytes: valid UTF-8 (after a byte order mark, if any) is
    /// parsed as it is, without first making the whole file a string (18 language files are 1 MB, and
    /// a string of them twice that in garbage every load). Anything else (UTF-16, broken bytes) is read
    /// as text, as before.
    /// </summary>
    public static JsonDocument ParseFile(string file, string path)
    {
        var bytes = System.IO.File.ReadAllBytes(path);
        ReadOnlyMemory<byte> utf8 = bytes;
        if (utf8.Span.StartsWith(Utf8Mark))
        {
            utf8 = utf8[3..];
        }

        if (!System.Text.Unicode.Utf8.IsValid(utf8.Span))
        {
            return Parse(file, System.IO.File.ReadAllText(path));
        }

        return Parse(file, () => JsonDocument.Parse(utf8, Options));
    }

    private static ReadOnlySpan<byte> Utf8Mark => [0xEF, 0xBB, 0xBF];

    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false };

    private static JsonDocument Parse(string file, Func<JsonDocument> parse)
    {
        try
        {
            return parse();
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } l ? l + 1 : (long?)null;
            var problem = "malformed JSON" + (e.BytePositionInLine is { } c ? $" at column {c + 1}" : string.Empty)
                + ": " + FirstSentence(e.Message);
            throw new CorpusException(file, null, null, problem, line);
        }
    }

    public string RequiredString(string name) => OptionalString(name) ?? throw Missing(name);

    public string? OptionalString(string name)
    {
        if (!TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw Problem(name, $"expected a string, found {Describe(value.ValueKind)}");
        }

        var text = value.GetString()!.Trim();
        if (text.Length == 0)
        {
            throw Problem(name, "is empty");
        }

        return text;
    }

    public bool RequiredBool(string name)
    {
        if (!TryGet(name, out var value))
        {
            throw Missing(name);
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Problem(name, $"expected true or false, found {Describe(value.ValueKind)}"),
        };
    }

    public bool OptionalBool(string name)
    {
        if (!TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Problem(name, $"expected true or false, found {Describe(value.ValueKind)}"),
        };
    }

    /// <summary>True, false, or null when the field is absent (the sources do not say).</summary>
    public bool? NullableBool(string name) => TryGet(name, out var value) && value.ValueKind != JsonValueKind.Null ? OptionalBool(name) : null;

    public int RequiredInt(string name, int min, int max) => OptionalInt(name, min, max) ?? throw Missing(name);

    public int? OptionalInt(string name, int min, int max)
    {
        if (!TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw Problem(name, $"expected a whole number, found {Describe(value.ValueKind)}");
        }

        if (number < min || number > max)
        {
            throw Problem(name, $"{number} is outside {min}..{max}");
        }

        return number;
    }

    public IReadOnlyList<string> RequiredStrings(string name, bool allowEmpty) =>
        OptionalStrings(name, allowEmpty) ?? throw Missing(name);

    public IReadOnlyList<string>? OptionalStrings(string name, bool allowEmpty)
    {
        if (!TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Problem(name, $"expected a list of strings, found {Describe(value.ValueKind)}");
        }

        var items = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
            {
                throw Problem(name, $"item {index} must be a non-empty string, found {Describe(item.ValueKind)}");
            }

            items.Add(item.GetString()!.Trim());
            index++;
        }

        if (!allowEmpty && items.Count == 0)
        {
            throw Problem(name, "must list at least one item");
        }

        return items;
    }

    public JsonElement? OptionalObject(string name)
    {
        if (!TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Problem(name, $"expected an object, found {Describe(value.ValueKind)}");
        }

        return value;
    }

    public JsonElement RequiredObject(string name) => OptionalObject(name) ?? throw Missing(name);

    /// <summary>An object of string values ("key": "text"), each non-empty.</summary>
    public IReadOnlyDictionary<string, string> StringMap(string name, bool required)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if ((required ? RequiredObject(name) : OptionalObject(name)) is not { } element)
        {
            return map;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(property.Value.GetString()))
            {
                throw Problem(name, $"'{property.Name}' must map to a non-empty string");
            }

            map[property.Name] = property.Value.GetString()!;
        }

        return map;
    }

    public JsonElement RequiredArray(string name)
    {
        if (!TryGet(name, out var value))
        {
            throw Missing(name);
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Problem(name, $"expected a list, found {Describe(value.ValueKind)}");
        }

        return value;
    }

    /// <summary>Refuses any field that no reader asked for: a typo must not pass silently.</summary>
    public void RejectUnknownFields()
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (!_read.Contains(property.Name))
            {
                throw new CorpusException(_file, Record, property.Name, "unknown field");
            }
        }
    }

    public CorpusException Problem(string field, string problem) => new(_file, Record, field, problem);

    private CorpusException Missing(string field) => new(_file, Record, field, "required field is missing");

    private bool TryGet(string name, out JsonElement value)
    {
        _read.Add(name);
        return _element.TryGetProperty(name, out value);
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }
}
