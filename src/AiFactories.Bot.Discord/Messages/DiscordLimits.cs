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

    public const string Ellipsis = "…";

    /// <summary>The text cut to at most <paramref name="max"/> characters, ending in an ellipsis when cut.</summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        if (max <= 0)
        {
            return string.Empty;
        }

        // Cut on a text element boundary so no surrogate pair or combining sequence is split.
        var keep = max - Ellipsis.Length;
        var end = 0;
        foreach (var start in StringInfo.ParseCombiningCharacters(text))
        {
            if (start > keep)
            {
                break;
            }

            end = start;
        }

        return text[..end].TrimEnd() + Ellipsis;
    }

    public static InteractionResponse Enforce(InteractionResponse response) =>
        response.Data is null ? response : response with { Data = Enforce(response.Data) };

    public static InteractionCallbackData Enforce(InteractionCallbackData data) => data with
    {
        Content = data.Content is null ? null : Truncate(data.Content, Content),
        Embeds = data.Embeds is null ? null : EnforceEmbeds(data.Embeds),
        Components = data.Components is null ? null : EnforceComponents(data.Components),
        Choices = data.Choices?.Take(Choices)
            .Select(c => new CommandChoice { Name = Truncate(NonEmpty(c.Name), ChoiceName), Value = c.Value.Length <= ChoiceValue ? c.Value : c.Value[..ChoiceValue] })
            .ToList(),
    };

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
                        CustomId = button.CustomId is null ? null : button.CustomId.Length <= CustomId ? button.CustomId : button.CustomId[..CustomId],
                    })
                    .ToList(),
            })
            .ToList();
}
