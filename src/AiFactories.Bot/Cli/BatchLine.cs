using System.Text.Json;

namespace AiFactories.Bot.Cli;

/// <summary>A line of `ask --json` input: a plain question, or {"question": "...", "locale": "fr"}.</summary>
internal readonly record struct BatchLine(string? Question, string? Locale, string? Error)
{
    public static BatchLine Read(string line)
    {
        var trimmed = line.TrimStart();
        if (!trimmed.StartsWith('{'))
        {
            return new BatchLine(line, null, null);
        }

        try
        {
            using var json = JsonDocument.Parse(trimmed);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("question", out var question) || question.ValueKind != JsonValueKind.String)
            {
                return new BatchLine(null, null, "a JSON line needs a \"question\" string");
            }

            var locale = root.TryGetProperty("locale", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            return new BatchLine(question.GetString(), locale, null);
        }
        catch (JsonException e)
        {
            return new BatchLine(null, null, $"not a question or a JSON object: {CliRuntime.OneLine(e.Message)}");
        }
    }
}
