using System.Globalization;
using System.Text.Json.Serialization;

namespace AiFactories.Bot.Discord.Models;

/// <summary>Interaction callback types.</summary>
public enum CallbackType
{
    Pong = 1,
    ChannelMessageWithSource = 4,
    DeferredChannelMessageWithSource = 5,
    DeferredUpdateMessage = 6,
    UpdateMessage = 7,
    ApplicationCommandAutocompleteResult = 8,
    Modal = 9,
}

[Flags]
public enum MessageFlags
{
    None = 0,
    Ephemeral = 1 << 6,
}

/// <summary>The body answering an interaction.</summary>
public sealed record InteractionResponse
{
    public required CallbackType Type { get; init; }

    public InteractionCallbackData? Data { get; init; }

    public static InteractionResponse Pong { get; } = new() { Type = CallbackType.Pong };

    public static InteractionResponse Message(InteractionCallbackData data) => new() { Type = CallbackType.ChannelMessageWithSource, Data = data };

    public static InteractionResponse Update(InteractionCallbackData data) => new() { Type = CallbackType.UpdateMessage, Data = data };

    /// <summary>A form (modal) the user fills in; its submission comes back as a modal-submit interaction with <paramref name="customId"/>.</summary>
    public static InteractionResponse Modal(string customId, string title, params Component[] components) =>
        new() { Type = CallbackType.Modal, Data = new InteractionCallbackData { CustomId = customId, Title = title, Components = components } };

    public static InteractionResponse Choices(IReadOnlyList<CommandChoice> choices) =>
        new() { Type = CallbackType.ApplicationCommandAutocompleteResult, Data = new InteractionCallbackData { Choices = choices } };

    /// <summary>A short private message, for apologies and refusals.</summary>
    public static InteractionResponse Ephemeral(string content) => Message(new InteractionCallbackData
    {
        Content = content,
        Flags = MessageFlags.Ephemeral,
        AllowedMentions = AllowedMentions.None,
    });
}

/// <summary>Message data (types 4 and 7), autocomplete choices (type 8) or a modal (type 9): only the fields set are sent.</summary>
public sealed record InteractionCallbackData
{
    /// <summary>A modal's id, returned with its submission.</summary>
    public string? CustomId { get; init; }

    /// <summary>A modal's title.</summary>
    public string? Title { get; init; }

    public string? Content { get; init; }

    public IReadOnlyList<Embed>? Embeds { get; init; }

    public AllowedMentions? AllowedMentions { get; init; }

    public IReadOnlyList<Component>? Components { get; init; }

    public MessageFlags? Flags { get; init; }

    public IReadOnlyList<CommandChoice>? Choices { get; init; }
}

public sealed record AllowedMentions
{
    /// <summary>Nobody is pinged, whatever the text quotes.</summary>
    public static AllowedMentions None { get; } = new() { Parse = [] };

    public IReadOnlyList<string>? Parse { get; init; }

    public IReadOnlyList<string>? Users { get; init; }

    public IReadOnlyList<string>? Roles { get; init; }

    public bool? RepliedUser { get; init; }

    /// <summary>Only these users are pinged.</summary>
    public static AllowedMentions OnlyUsers(params string[] ids) => new() { Parse = [], Users = ids };
}

public sealed record Embed
{
    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? Url { get; init; }

    public int? Color { get; init; }

    public IReadOnlyList<EmbedField>? Fields { get; init; }

    public EmbedFooter? Footer { get; init; }

    public EmbedAuthor? Author { get; init; }

    /// <summary>A large image under the text; <c>attachment://name</c> shows a file sent with the message.</summary>
    public EmbedImage? Image { get; init; }
}

public sealed record EmbedImage
{
    /// <summary>An https URL, or <c>attachment://stats.png</c> for a file uploaded with the same message.</summary>
    public required string Url { get; init; }
}

public sealed record EmbedField
{
    public required string Name { get; init; }

    public required string Value { get; init; }

    public bool? Inline { get; init; }
}

public sealed record EmbedFooter
{
    public required string Text { get; init; }
}

public sealed record EmbedAuthor
{
    public required string Name { get; init; }
}

public enum ComponentType
{
    ActionRow = 1,
    Button = 2,
    TextInput = 4,
    Label = 18,
}

public enum ButtonStyle
{
    Primary = 1,
    Secondary = 2,
    Success = 3,
    Danger = 4,
    Link = 5,
}

/// <summary>A text input's style: one line or several.</summary>
public enum TextInputStyle
{
    Short = 1,
    Paragraph = 2,
}

/// <summary>An action row, a button, or in a modal a label around a text input.</summary>
public sealed record Component
{
    public required ComponentType Type { get; init; }

    public IReadOnlyList<Component>? Components { get; init; }

    /// <summary>A button's <see cref="ButtonStyle"/> or a text input's <see cref="TextInputStyle"/> (the same field on the wire).</summary>
    public int? Style { get; init; }

    public string? Label { get; init; }

    public ComponentEmoji? Emoji { get; init; }

    public string? CustomId { get; init; }

    public bool? Disabled { get; init; }

    /// <summary>A label's description, under it in the modal.</summary>
    public string? Description { get; init; }

    /// <summary>The component a label wraps.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("component")]
    public Component? Child { get; init; }

    public string? Placeholder { get; init; }

    public bool? Required { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public static Component Row(params Component[] components) => new() { Type = ComponentType.ActionRow, Components = components };

    public static Component Button(string label, string customId, ButtonStyle style = ButtonStyle.Secondary, bool disabled = false, string? emoji = null) =>
        new() { Type = ComponentType.Button, Label = label, CustomId = customId, Style = (int)style, Disabled = disabled ? true : null, Emoji = emoji is null ? null : new ComponentEmoji { Name = emoji } };

    /// <summary>A labelled text input for a modal.</summary>
    public static Component TextInput(string label, string customId, TextInputStyle style, int maxLength, bool required, string? placeholder = null) => new()
    {
        Type = ComponentType.Label,
        Label = label,
        Child = new Component { Type = ComponentType.TextInput, CustomId = customId, Style = (int)style, MaxLength = maxLength, Required = required, Placeholder = placeholder },
    };
}

/// <summary>A button's emoji: a Unicode emoji by its character.</summary>
public sealed record ComponentEmoji
{
    public required string Name { get; init; }
}

public sealed record CommandChoice
{
    public required string Name { get; init; }

    public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }

    public required string Value { get; init; }
}

/// <summary>An edit of a message the bot sent, such as the original response to an interaction (PATCH webhooks/.../messages/@original).</summary>
public sealed record EditMessage
{
    public string? Content { get; init; }

    public IReadOnlyList<Embed>? Embeds { get; init; }

    public AllowedMentions? AllowedMentions { get; init; }

    public IReadOnlyList<Component>? Components { get; init; }

    /// <summary>
    /// Files uploaded with the edit (multipart/form-data). Their bytes never go into the JSON: the
    /// JSON names each one in <c>attachments</c> by its place in this list, which is also the number
    /// of its <c>files[n]</c> part. Null (not sent) keeps the files the message already has.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<FileAttachment>? Attachments { get; init; }

    /// <summary>The <c>attachments</c> field Discord reads: id n stands for the part <c>files[n]</c>.</summary>
    [JsonInclude]
    [JsonPropertyName("attachments")]
    internal IReadOnlyList<AttachmentSlot>? AttachmentSlots =>
        Attachments?.Select((file, i) => new AttachmentSlot
        {
            Id = i.ToString(CultureInfo.InvariantCulture),
            Filename = file.FileName,
            Description = file.Description,
        }).ToList();
}

/// <summary>
/// A file sent with a message: its name (which an embed refers to as <c>attachment://name</c>), its
/// media type, its bytes and the alt text Discord shows for it.
/// </summary>
public sealed record FileAttachment(string FileName, string ContentType, ReadOnlyMemory<byte> Content, string? Description);

/// <summary>
/// One entry of a message's <c>attachments</c>: a new file by its part number. Discord's OpenAPI types
/// the id as a snowflake string, so the number goes as a string ("0").
/// </summary>
public sealed record AttachmentSlot
{
    public required string Id { get; init; }

    public required string Filename { get; init; }

    public string? Description { get; init; }
}
