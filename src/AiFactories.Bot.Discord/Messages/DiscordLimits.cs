using System.Globalization;
using AiFactories.Bot.Discord.Models;

namespace AiFactories.Bot.Discord.Messages;

/// <summary>
/// Discord's message limits, enforced in one place: every response goes through
/// <c>Enforce</c>, which cuts text past a limit cleanly with an ellipsis and drops what
/// cannot fit, so Discord never refuses a message for its size.
/// </summary>
public static class DiscordLimits
{
    public const int Content = 2000;
    public const int Embeds = 10;
    public const int EmbedTitle = 256;
    public const int EmbedDescription = 4096;
    public const int EmbedFields = 25;
    public const int FieldName = 256;
    public const int FieldValue = 1024;
    public const int Footer = 2048;
    public const int Author = 256;
    public const int EmbedTotal = 6000;
    public const int Choices = 25;
    public const int ChoiceName = 100;
    public const int ChoiceValue = 100;
    public const int CustomId = 100;
    public const int ButtonLabel = 80;
    public const int ActionRows = 5;
    public const int ButtonsPerRow = 5;
    public const int ModalTitle = 45;
    public const int ModalLabel = 45;
    public const int ModalDescription = 100;
    public const int Placeholder = 100;

    /// <summary>Files in one message (files[0] to files[9] in the OpenAPI description).</summary>
    public const int Files = 10;

    /// <summary>
    /// The largest file Discord takes from anyone: the default upload limit (10 MiB, reference
    /// "Uploading Files"); boosted servers take more, but the bot does not count on one.
    /// </summary>
    public const int FileBytes = 10 * 1024 * 1024;

    /// <summary>An attachment's filename and its description (alt text), per the OpenAPI description.</summary>
    public const int FileName = 1024;
    public const int FileDescription = 1024;

    public const string Ellipsis = "…";

    /// <summary>
    /// The text cut to at most <paramref name="max"/> UTF-16 units (the unit Discord counts), ending
    /// in an ellipsis when cut. The cut falls between two text elements, so no emoji, flag or
    /// accented letter is ever split.
    /// </summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        if (max < Ellipsis.Length)
        {
            return string.Empty;
        }

        var kept = Prefix(text, max - Ellipsis.Length).TrimEnd();

        // A few marks (Arabic number signs, for one) join the character after them: the ellipsis
        // must stay a text element of its own, so such a mark at the end goes.
        while (kept.Length > 0)
        {
            var last = LastElementStart(kept);
            if (StringInfo.GetNextTextElementLength(string.Concat(kept.AsSpan(last), Ellipsis)) == kept.Length - last)
            {
                break;
            }

            kept = kept[..last].TrimEnd();
        }

        return kept + Ellipsis;
    }

    /// <summary>
    /// The longest start of <paramref name="text"/> within <paramref name="max"/> UTF-16 units that
    /// ends between two text elements (never inside a surrogate pair, an emoji sequence, a flag or a
    /// letter with its combining marks). Empty when even the first text element is longer.
    /// </summary>
    public static string Prefix(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var end = ElementStartAtOrBefore(text, max);
        while (end < text.Length)
        {
            var next = end + StringInfo.GetNextTextElementLength(text.AsSpan(end));
            if (next > max)
            {
                break;
            }

            end = next;
        }

        return text[..end];
    }

    /// <summary>
    /// Like <see cref="Prefix"/>, for identifiers that may not be empty (custom_id): when the first
    /// text element alone is longer than the limit (a letter under a pile of combining marks), it is
    /// cut between code points, which still never splits a surrogate pair.
    /// </summary>
    public static string NonEmptyPrefix(string text, int max)
    {
        var prefix = Prefix(text, max);
        if (prefix.Length > 0 || text.Length == 0 || max <= 0)
        {
            return prefix;
        }

        var end = Math.Min(max, text.Length);
        if (end < text.Length && char.IsHighSurrogate(text[end - 1]) && char.IsLowSurrogate(text[end]))
        {
            end--;
        }

        return text[..end];
    }

    private static int LastElementStart(string text)
    {
        var start = ElementStartAtOrBefore(text, text.Length - 1);
        while (start < text.Length)
        {
            var length = StringInfo.GetNextTextElementLength(text.AsSpan(start));
            if (start + length >= text.Length)
            {
                return start;
            }

            start += length;
        }

        return start;
    }

    /// <summary>
    /// A position at or before <paramref name="position"/> where a text element starts whatever came
    /// before: between two ASCII characters other than CR LF, which no rule of text segmentation joins
    /// and after which no earlier character matters. Scanning text elements from there finds the same
    /// boundaries as scanning from the start, without walking a 4,000-character description.
    /// </summary>
    private static int ElementStartAtOrBefore(string text, int position)
    {
        for (var i = Math.Min(position, text.Length - 1); i > 0; i--)
        {
            if (char.IsAscii(text[i - 1]) && char.IsAscii(text[i]) && !(text[i - 1] == '\r' && text[i] == '\n'))
            {
                return i;
            }
        }

        return 0;
    }

    public static InteractionResponse Enforce(InteractionResponse response) =>
        response.Data is null ? response
        : response.Type == CallbackType.Modal ? response with { Data = EnforceModal(response.Data) }
        : response with { Data = Enforce(response.Data) };

    private static InteractionCallbackData EnforceModal(InteractionCallbackData data) => data with
    {
        CustomId = data.CustomId is null ? null : NonEmptyPrefix(data.CustomId, CustomId),
        Title = Truncate(NonEmpty(data.Title ?? string.Empty), ModalTitle),
        Components = data.Components?.Take(ActionRows).Select(label => label with
        {
            Label = label.Label is null ? null : Truncate(NonEmpty(label.Label), ModalLabel),
            Description = label.Description is null ? null : Truncate(label.Description, ModalDescription),
            Child = label.Child is null ? null : label.Child with
            {
                CustomId = label.Child.CustomId is null ? null : NonEmptyPrefix(label.Child.CustomId, CustomId),
                Placeholder = label.Child.Placeholder is null ? null : Truncate(label.Child.Placeholder, Placeholder),
            },
        }).ToList(),
    };

    public static InteractionCallbackData Enforce(InteractionCallbackData data) => data with
    {
        Content = data.Content is null ? null : Truncate(data.Content, Content),
        Embeds = data.Embeds is null ? null : EnforceEmbeds(data.Embeds),
        Components = data.Components is null ? null : EnforceComponents(data.Components),
        Choices = data.Choices?.Take(Choices)
            .Select(c => new CommandChoice { Name = Truncate(NonEmpty(c.Name), ChoiceName), Value = Prefix(c.Value, ChoiceValue) })
            .ToList(),
    };

    /// <summary>
    /// An edit within the same limits as a response; its files are checked, not cut: more than
    /// <see cref="Files"/> of them, one over <see cref="FileBytes"/>, or a name Discord would refuse
    /// is the caller's mistake and throws, since a cut image or a lost file is no answer.
    /// Descriptions are shortened like any text.
    /// </summary>
    public static EditMessage Enforce(EditMessage message)
    {
        if (message.Attachments is { } files)
        {
            if (files.Count > Files)
            {
                throw new ArgumentException($"a message carries at most {Files} files, not {files.Count}", nameof(message));
            }

            foreach (var file in files)
            {
                if (file.Content.Length > FileBytes)
                {
                    throw new ArgumentException($"{file.FileName} has {file.Content.Length} bytes; Discord takes at most {FileBytes}", nameof(message));
                }

                if (file.FileName.Length is 0 or > FileName || file.FileName.Contains('/') || file.FileName.Contains('\\') || file.FileName.Any(char.IsControl))
                {
                    throw new ArgumentException($"not a file name Discord takes: \"{Prefix(file.FileName, 64)}\"", nameof(message));
                }
            }
        }

        return message with
        {
            Content = message.Content is null ? null : Truncate(message.Content, Content),
            Embeds = message.Embeds is null ? null : EnforceEmbeds(message.Embeds),
            Components = message.Components is null ? null : EnforceComponents(message.Components),
            Attachments = message.Attachments?
                .Select(f => f.Description is null ? f : f with { Description = Truncate(f.Description, FileDescription) })
                .ToList(),
        };
    }

    private static string NonEmpty(string text) => string.IsNullOrWhiteSpace(text) ? "-" : text;

    private static List<Embed> EnforceEmbeds(IReadOnlyList<Embed> embeds)
    {
        var budget = EmbedTotal;
        var result = new List<Embed>();
        foreach (var embed in embeds.Take(Embeds))
        {
            if (budget <= 0)
            {
                break;
            }

            string? Take(string? text, int max)
            {
                if (text is null || budget <= 0)
                {
                    return null;
                }

                var kept = Truncate(text, Math.Min(max, budget));
                budget -= kept.Length;
                return kept.Length == 0 ? null : kept;
            }

            var title = Take(embed.Title, EmbedTitle);
            var author = embed.Author is null ? null : Take(embed.Author.Name, Author);
            var footer = embed.Footer is null ? null : Take(embed.Footer.Text, Footer);
            var description = Take(embed.Description, EmbedDescription);
            var fields = new List<EmbedField>();
            foreach (var field in (embed.Fields ?? []).Take(EmbedFields))
            {
                var name = Truncate(NonEmpty(field.Name), FieldName);
                if (budget < name.Length + 2)
                {
                    break;
                }

                budget -= name.Length;
                var value = Truncate(NonEmpty(field.Value), Math.Min(FieldValue, budget));
                budget -= value.Length;
                fields.Add(field with { Name = name, Value = value });
            }

            result.Add(embed with
            {
                Title = title,
                Author = author is null ? null : new EmbedAuthor { Name = author },
                Footer = footer is null ? null : new EmbedFooter { Text = footer },
                Description = description,
                Fields = fields.Count == 0 ? null : fields,
            });
        }

        return result;
    }

    private static List<Component> EnforceComponents(IReadOnlyList<Component> rows) =>
        rows.Take(ActionRows)
            .Select(row => row with
            {
                Components = row.Components?.Take(ButtonsPerRow)
                    .Select(button => button with
                    {
                        Label = button.Label is null ? null : Truncate(button.Label, ButtonLabel),
                        CustomId = button.CustomId is null ? null : NonEmptyPrefix(button.CustomId, CustomId),
                    })
                    .ToList(),
            })
            .ToList();
}
