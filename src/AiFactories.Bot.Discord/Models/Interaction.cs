using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiFactories.Bot.Discord.Models;

/// <summary>Interaction types (interactions/receiving-and-responding).</summary>
public enum InteractionType
{
    Ping = 1,
    ApplicationCommand = 2,
    MessageComponent = 3,
    ApplicationCommandAutocomplete = 4,
    ModalSubmit = 5,
}

/// <summary>Application command types: slash, user and message context menus.</summary>
public enum CommandType
{
    ChatInput = 1,
    User = 2,
    Message = 3,
}

/// <summary>Option types used in command declarations and in received options.</summary>
public enum OptionType
{
    SubCommand = 1,
    SubCommandGroup = 2,
    String = 3,
    Integer = 4,
    Boolean = 5,
    User = 6,
    Channel = 7,
    Role = 8,
    Mentionable = 9,
    Number = 10,
    Attachment = 11,
}

/// <summary>An interaction as Discord sends it. Snowflakes stay strings.</summary>
public sealed record Interaction
{
    public required string Id { get; init; }

    public string? ApplicationId { get; init; }

    public required InteractionType Type { get; init; }

    public InteractionData? Data { get; init; }

    public string? GuildId { get; init; }

    public string? ChannelId { get; init; }

    public GuildMember? Member { get; init; }

    public User? User { get; init; }

    public string? Token { get; init; }

    public string? Locale { get; init; }

    public string? GuildLocale { get; init; }

    public string? AppPermissions { get; init; }

    public Message? Message { get; init; }

    /// <summary>Whoever acted: the member's user in a guild, the user in a DM.</summary>
    [JsonIgnore]
    public User? Invoker => Member?.User ?? User;
}

public sealed record InteractionData
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public CommandType? Type { get; init; }

    public IReadOnlyList<InteractionOption>? Options { get; init; }

    public ResolvedData? Resolved { get; init; }

    public string? TargetId { get; init; }

    public string? CustomId { get; init; }

    public int? ComponentType { get; init; }

    /// <summary>A modal submission's components, with the values the user entered.</summary>
    public JsonElement? Components { get; init; }

    /// <summary>The value submitted for the modal field <paramref name="customId"/>, wherever it sits (in a label or an action row); null when absent.</summary>
    public string? Submitted(string customId)
    {
        return Components is { ValueKind: JsonValueKind.Array } components ? Find(components, 0) : null;

        string? Find(JsonElement element, int depth)
        {
            if (depth > 4)
            {
                return null;
            }

            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    if (Find(item, depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (element.TryGetProperty("custom_id", out var id) && id.ValueKind == JsonValueKind.String && id.ValueEquals(customId)
                && element.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }

            foreach (var name in (string[])["component", "components"])
            {
                if (element.TryGetProperty(name, out var inner) && Find(inner, depth + 1) is { } found)
                {
                    return found;
                }
            }

            return null;
        }
    }
}

public sealed record InteractionOption
{
    public required string Name { get; init; }

    public OptionType Type { get; init; }

    public JsonElement? Value { get; init; }

    public IReadOnlyList<InteractionOption>? Options { get; init; }

    public bool? Focused { get; init; }
}

public sealed record ResolvedData
{
    public IReadOnlyDictionary<string, User>? Users { get; init; }

    public IReadOnlyDictionary<string, Message>? Messages { get; init; }
}

public sealed record User
{
    public required string Id { get; init; }

    public string? Username { get; init; }

    public string? GlobalName { get; init; }

    public bool? Bot { get; init; }
}

public sealed record GuildMember
{
    public User? User { get; init; }

    public string? Nick { get; init; }

    public string? Permissions { get; init; }
}

public sealed record Message
{
    public string? Id { get; init; }

    public string? ChannelId { get; init; }

    public string? Content { get; init; }

    public User? Author { get; init; }

    public IReadOnlyList<Embed>? Embeds { get; init; }

    /// <summary>The message's components (rows of buttons), as Discord sends them back with a click.</summary>
    public IReadOnlyList<Component>? Components { get; init; }
}
