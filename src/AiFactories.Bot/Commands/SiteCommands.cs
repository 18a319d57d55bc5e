using AiFactories.Bot.Answering;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Rendering;

namespace AiFactories.Bot.Commands;

/// <summary>/site: one site's card, by any name; autocomplete ranks exact, prefix, contains, then typo matches.</summary>
public sealed class SiteCommand(KnowledgeProvider knowledge) : IInteractionCommand
{
    private const int MaxChoices = 25;

    public CommandDeclaration Declaration { get; } = new(
        "site",
        "One AI Factory site: host, system, partners, sectors, sources",
        Options: [new OptionDeclaration("name", "City, country, factory or machine name, in any language", OptionType.String, Required: true, Autocomplete: true, MaxLength: 100)]);

    public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        // Autocomplete values are only suggestions: whatever arrives is looked up again here.
        var name = context.GetString("name") ?? string.Empty;
        var current = knowledge.Current;
        if (current.FindSite(name) is not { } site)
        {
            var cities = string.Join(", ", current.Sites.Select(s => s.City));
            return ValueTask.FromResult(InteractionResponse.Ephemeral($"No site matches \"{name.Trim()}\". The sites are {cities}; try /sites."));
        }

        return ValueTask.FromResult(InteractionResponse.Message(new InteractionCallbackData
        {
            Embeds = [DiscordRenderer.SiteCard(current.Card(site, full: true))],
            AllowedMentions = AllowedMentions.None,
        }));
    }

    public ValueTask<IReadOnlyList<CommandChoice>> AutocompleteAsync(InteractionContext context, InteractionOption focused, CancellationToken cancellationToken)
    {
        var current = knowledge.Current;
        var typed = focused.Value?.ToString() ?? string.Empty;
        var sites = string.IsNullOrWhiteSpace(typed) ? current.Sites : current.FindSites(typed, MaxChoices);
        return ValueTask.FromResult<IReadOnlyList<CommandChoice>>(sites.Take(MaxChoices)
            .Select(s => new CommandChoice { Name = current.Label(s), Value = s.Id })
            .ToList());
    }
}

/// <summary>/sites: every site as a compact list, optionally for one country.</summary>
public sealed class SitesCommand(KnowledgeProvider knowledge) : IInteractionCommand
{
    public CommandDeclaration Declaration { get; } = new(
        "sites",
        "All AI Factory sites of the first wave, as a list",
        Options: [new OptionDeclaration("country", "Only this country (any language)", OptionType.String, MaxLength: 100)]);

    public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var current = knowledge.Current;
        var sites = current.Sites;
        var title = $"The {sites.Count} AI Factory sites";
        var country = context.GetString("country");
        if (!string.IsNullOrWhiteSpace(country))
        {
            var found = current.SelectSites(country);
            sites = found.Sites;
            title = sites.Count == 0 ? $"No site in {found.Country}" : $"AI Factory sites in {found.Country}";
        }

        return ValueTask.FromResult(InteractionResponse.Message(new InteractionCallbackData
        {
            Embeds = [DiscordRenderer.SiteList(title, sites, s => current.Label(s))],
            AllowedMentions = AllowedMentions.None,
        }));
    }
}
