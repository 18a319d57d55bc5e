using System.Globalization;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Messages;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Answering;
using AiFactories.Bot.Rendering;

namespace AiFactories.Bot.Commands;

/// <summary>
/// /search: ranked passages with highlights and Previous / Next buttons. The page and the query
/// travel in the button's custom_id, so any replica, or the bot after a restart, answers the click.
/// </summary>
public sealed class SearchCommand(KnowledgeProvider knowledge, BotTexts texts) : IInteractionCommand, IComponentHandler
{
    public const int PageSize = 3;
    public const int MaxResults = 15;
    private const string Id = "search";

    public CommandDeclaration Declaration { get; } = texts.Command(
        "search",
        options: texts.Option("query", "cmd_search_query", OptionType.String) with { Required = true, MaxLength = 200 });

    public string Prefix => Id;

    public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var query = context.GetString("query")?.Trim();
        if (string.IsNullOrEmpty(query))
        {
            return ValueTask.FromResult(InteractionResponse.Ephemeral(texts.Say(context.Interaction.Locale, "give_words")));
        }

        return ValueTask.FromResult(InteractionResponse.Message(Page(query, 0, context.Interaction.Locale)));
    }

    public ValueTask<InteractionResponse> HandleAsync(InteractionContext context, string argument, CancellationToken cancellationToken)
    {
        // custom_id: "search:<page>:<query>"
        var colon = argument.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !int.TryParse(argument[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var page) || argument.Length == colon + 1)
        {
            return ValueTask.FromResult(InteractionResponse.Ephemeral(texts.Say(context.Interaction.Locale, "button_expired")));
        }

        return ValueTask.FromResult(InteractionResponse.Update(Page(argument[(colon + 1)..], page, context.Interaction.Locale)));
    }

    private InteractionCallbackData Page(string query, int page, string? locale)
    {
        var say = texts.For(locale);
        var hits = knowledge.Current.Search(query, MaxResults);
        var pages = Math.Max(1, (hits.Count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 0, pages - 1);
        var shown = hits.Skip(page * PageSize).Take(PageSize).ToList();
        return new InteractionCallbackData
        {
            Embeds = [DiscordRenderer.Passages(query, shown, page, pages, say)],
            AllowedMentions = AllowedMentions.None,
            Components = pages > 1
                ?
                [
                    Component.Row(
                        Component.Button(say("previous"), CustomId(page - 1, query), disabled: page == 0),
                        Component.Button(say("next"), CustomId(page + 1, query), disabled: page >= pages - 1)),
                ]
                : [],
        };
    }

    /// <summary>A custom_id for a page; the query is cut to fit Discord's 100 characters.</summary>
    public static string CustomId(int page, string query)
    {
        var head = $"{Id}:{Math.Max(0, page).ToString(CultureInfo.InvariantCulture)}:";
        var room = DiscordLimits.CustomId - head.Length;
        return head + (query.Length <= room ? query : query[..room]);
    }
}
