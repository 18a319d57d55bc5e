using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace AiFactories.Bot.Tests.Shared;

/// <summary>
/// Discord's own OpenAPI description (../shared/discord/openapi/openapi.json), read with the JSON
/// Schema 2020-12 dialect, to validate every body the bot sends. The file exists beside the checkout
/// for developers and CI only; tests that need it skip when it is absent.
/// </summary>
public static class OpenApiSchemas
{
    private static readonly Lazy<string?> Definitions = new(LoadDefinitions);
    private static readonly Dictionary<string, JsonSchema> Built = [];

    public static string SpecPath => Path.Combine(RepositoryPaths.Shared, "discord", "openapi", "openapi.json");

    public static bool Available => File.Exists(SpecPath);

    public static string SkipReason => $"Discord's OpenAPI description is not beside this checkout ({SpecPath}); it exists for developers and CI only";

    /// <summary>The problems of a body against a schema of the spec; empty when it validates.</summary>
    public static IReadOnlyList<string> Problems(string schemaName, string json)
    {
        var schema = Schema(schemaName);
        using var document = JsonDocument.Parse(json);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : (result.Details ?? []).Where(d => d.Errors is not null)
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
                .DefaultIfEmpty("invalid")
                .ToList();
    }

    /// <summary>The schema that fits an interaction response of the given callback type.</summary>
    public static string ForCallbackType(int type) => type switch
    {
        1 => "PongInteractionCallbackRequest",
        4 or 5 => "CreateMessageInteractionCallbackRequest",
        6 or 7 => "UpdateMessageInteractionCallbackRequest",
        8 => "ApplicationCommandAutocompleteCallbackRequest",
        9 => "ModalInteractionCallbackRequest",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no schema for this callback type"),
    };

    public static void AssertValid(string schemaName, string json)
    {
        var problems = Problems(schemaName, json);
        Assert.True(problems.Count == 0, $"{schemaName}: {string.Join("; ", problems.Take(8))}\n{json}");
    }

    /// <summary>Validates an interaction response body against the schema of its callback type.</summary>
    public static void AssertValidResponse(string json)
    {
        using var document = JsonDocument.Parse(json);
        AssertValid(ForCallbackType(document.RootElement.GetProperty("type").GetInt32()), json);
    }

    /// <summary>Validates the bulk-overwrite body: an array of ApplicationCommandUpdateRequest.</summary>
    public static void AssertValidCommands(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
        foreach (var command in document.RootElement.EnumerateArray())
        {
            AssertValid("ApplicationCommandUpdateRequest", command.GetRawText());
        }
    }

    private static JsonSchema Schema(string name)
    {
        lock (Built)
        {
            if (Built.TryGetValue(name, out var schema))
            {
                return schema;
            }

            var definitions = Definitions.Value ?? throw new InvalidOperationException(SkipReason);
            var text = $$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://discord.test/{{name}}","$ref":"#/$defs/{{name}}","$defs":{{definitions}}}""";
            schema = JsonSchema.FromText(text, new BuildOptions { Dialect = Dialect.Draft202012, SchemaRegistry = new SchemaRegistry() });
            Built[name] = schema;
            return schema;
        }
    }

    private static string? LoadDefinitions()
    {
        if (!Available)
        {
            return null;
        }

        var schemas = JsonNode.Parse(File.ReadAllText(SpecPath))!["components"]!["schemas"]!.AsObject();

        // The spec types default_member_permissions as an integer; Discord sends and accepts the
        // documented string form, which is what the bot sends.
        foreach (var name in new[] { "ApplicationCommandUpdateRequest", "ApplicationCommandCreateRequest" })
        {
            if (schemas[name]?["properties"]?["default_member_permissions"] is JsonObject permissions)
            {
                permissions["type"] = new JsonArray("integer", "string", "null");
                permissions["pattern"] = "^[0-9]+$";
            }
        }

        return schemas.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
    }
}
