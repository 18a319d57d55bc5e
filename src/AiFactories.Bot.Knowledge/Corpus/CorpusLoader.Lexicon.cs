using System.Text.Json;
using System.Text.RegularExpressions;

namespace AiFactories.Bot.Knowledge.Corpus;

/// <summary>Reading lexicon.json: how questions are read and how answers are phrased.</summary>
public static partial class CorpusLoader
{
    private static Lexicon LoadLexicon(string root)
    {
        var path = Path.Combine(root, LexiconFile);
        var file = Relative(root, path);
        using var json = JsonFields.Parse(file, ReadText(root, path));
        var top = new JsonFields(json.RootElement, file, null);
        top.OptionalString("about");
        var fillers = top.RequiredStrings("fillers", allowEmpty: true);
        var questionWords = top.RequiredStrings("question_words", allowEmpty: true);
        var subject = top.RequiredStrings("subject", allowEmpty: true);
        var subjectHeads = top.OptionalStrings("subject_heads", allowEmpty: true) ?? [];
        var countCues = top.RequiredStrings("count_cues", allowEmpty: true);
        var listCues = top.RequiredStrings("list_cues", allowEmpty: true);

        var fields = new List<FieldSpec>();
        foreach (var property in top.RequiredObject("fields").EnumerateObject())
        {
            if (!SiteFields.IsKnown(property.Name))
            {
                throw new CorpusException(file, property.Name, null,
                    $"not a site record field (known: {string.Join(", ", SiteFields.Names)})");
            }

            var spec = new JsonFields(property.Value, file, property.Name);
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            if (spec.OptionalObject("values") is { } valuesElement)
            {
                foreach (var value in valuesElement.EnumerateObject())
                {
                    if (value.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.Value.GetString()))
                    {
                        throw spec.Problem("values", $"'{value.Name}' must map to a non-empty string");
                    }

                    values[value.Name] = value.Value.GetString()!;
                }
            }

            var field = new FieldSpec(
                property.Name,
                spec.RequiredString("label"),
                spec.RequiredStrings("cues", allowEmpty: true),
                spec.RequiredString("answer"),
                spec.OptionalBool("filter"),
                values,
                spec.OptionalString("yes"),
                spec.OptionalString("no"),
                spec.OptionalString("empty"));
            spec.RejectUnknownFields();
            CheckTemplate(file, property.Name, "answer", field.Answer, []);
            fields.Add(field);
        }

        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        var answersElement = top.RequiredObject("answers");
        var answersReader = new JsonFields(answersElement, file, "answers");
        foreach (var key in Templates.Required)
        {
            answers[key] = answersReader.RequiredString(key);
        }

        answersReader.RejectUnknownFields();
        var suggestions = top.OptionalStrings("suggestions", allowEmpty: true) ?? [];
        foreach (var suggestion in suggestions)
        {
            CheckTemplate(file, "suggestions", suggestion, suggestion, []);
        }

        top.RejectUnknownFields();
        return new Lexicon(fillers, questionWords, subject, subjectHeads, countCues, listCues, fields, answers, suggestions);
    }

    private static void CheckTemplate(string file, string record, string field, string template, string[] extras)
    {
        foreach (Match match in PlaceholderPattern().Matches(template))
        {
            var name = match.Groups[1].Value;
            if (!SiteFields.IsKnown(name) && !extras.Contains(name) && !Templates.Slots.All.Contains(name))
            {
                throw new CorpusException(file, record, field, $"template names unknown field '{{{name}}}'");
            }
        }
    }

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    internal static partial Regex PlaceholderPattern();
}
