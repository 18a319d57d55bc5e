using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Hosting;

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
        var found = current.Entities.FindSites(name, 1);
        if (found.Count == 0)
        {
            var cities = string.Join(", ", current.Corpus.Sites.Select(s => s.City));
            return ValueTask.FromResult(InteractionResponse.Ephemeral($"No site matches \"{name.Trim()}\". The sites are {cities}; try /sites."));
        }

        return ValueTask.FromResult(InteractionResponse.Message(new InteractionCallbackData
        {
            Embeds = [AnswerMessages.SiteCard(found[0].Site, current.Formatter)],
            AllowedMentions = AllowedMentions.None,
        }));
    }

    public ValueTask<IReadOnlyList<CommandChoice>> AutocompleteAsync(InteractionContext context, InteractionOption focused, CancellationToken cancellationToken)
    {
        var current = knowledge.Current;
        var typed = focused.Value?.ToString() ?? string.Empty;
        var sites = string.IsNullOrWhiteSpace(typed)
            ? current.Corpus.Sites
            : current.Entities.FindSites(typed, MaxChoices).Select(s => s.Site).ToList();
        return ValueTask.FromResult<IReadOnlyList<CommandChoice>>(sites.Take(MaxChoices)
            .Select(s => new CommandChoice { Name = current.Formatter.Label(s), Value = s.Id })
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
        var sites = current.Corpus.Sites.ToList();
        var country = context.GetString("country");
        var title = $"The {sites.Count} AI Factory sites";
        if (!string.IsNullOrWhiteSpace(country))
        {
            var parsed = current.Reader.Read(country);
            var countries = parsed.Sites.Select(s => s.Site.Country).ToHashSet(StringComparer.OrdinalIgnoreCase);
            sites = sites.Where(s => countries.Contains(s.Country)).ToList();
            var name = parsed.Sites.FirstOrDefault()?.Site.Country ?? parsed.Countries.FirstOrDefault()?.Country.Name ?? country.Trim();
            title = sites.Count == 0 ? $"No site in {name}" : $"AI Factory sites in {name}";
        }

        var lines = sites.Select(s => $"**{current.Formatter.Label(s)}**: {s.Host}; {s.System}");
        return ValueTask.FromResult(InteractionResponse.Message(new InteractionCallbackData
        {
            Embeds = [new Embed { Title = title, Description = sites.Count == 0 ? "Try /sites without a country." : string.Join("\n", lines), Color = AnswerMessages.AnsweredColor, Footer = new EmbedFooter { Text = AnswerMessages.Footer } }],
            AllowedMentions = AllowedMentions.None,
        }));
    }
}
