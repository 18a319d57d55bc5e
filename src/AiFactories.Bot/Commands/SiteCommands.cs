using System.Globalization;
using AiFactories.Bot.Answering;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Rendering;

namespace AiFactories.Bot.Commands;

/// <summary>/site: one AI Factory's or antenna's card, by any name; autocomplete ranks exact, prefix, contains, then typo matches.</summary>
public sealed class SiteCommand(KnowledgeProvider knowledge, BotTexts texts) : IInteractionCommand
{
    private const int MaxChoices = 25;

    public CommandDeclaration Declaration { get; } = texts.Command(
        "site",
        options: texts.Option("name", "cmd_site_name", OptionType.String) with { Required = true, Autocomplete = true, MaxLength = 100 });

    public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        // Autocomplete values are only suggestions: whatever arrives is looked up again here.
        var name = context.GetString("name") ?? string.Empty;
        var locale = context.Interaction.Locale;
        var current = knowledge.Current;
        if (current.FindSite(name) is not { } site)
        {
            return ValueTask.FromResult(InteractionResponse.Ephemeral(texts.Say(locale, "no_site", ("name", Discord.Messages.UserText.Escape(name.Trim())))));
        }

        return ValueTask.FromResult(InteractionResponse.Message(new InteractionCallbackData
        {
            Embeds = [DiscordRenderer.SiteCard(current.Card(site, full: true, current.LanguageOf(locale)), texts.For(locale))],
            AllowedMentions = AllowedMentions.None,
        }));
    }

    public ValueTask<IReadOnlyList<CommandChoice>> AutocompleteAsync(InteractionContext context, InteractionOption focused, CancellationToken cancellationToken)
    {
        var current = knowledge.Current;
        var language = current.LanguageOf(context.Interaction.Locale);
        var typed = focused.Value?.ToString() ?? string.Empty;
        var sites = string.IsNullOrWhiteSpace(typed) ? current.Sites : current.FindSites(typed, MaxChoices);
        return ValueTask.FromResult<IReadOnlyList<CommandChoice>>(sites.Take(MaxChoices)
            .Select(s => new CommandChoice { Name = current.Label(s, language), Value = s.Id })
            .ToList());
    }
}

/// <summary>/sites: the AI Factories and antennas as a compact list, filtered by country, kind or wave.</summary>
public sealed class SitesCommand(KnowledgeProvider knowledge, BotTexts texts) : IInteractionCommand
{
    public CommandDeclaration Declaration { get; } = texts.Command(
        "sites",
        options:
        [
            texts.Option("country", "cmd_sites_country", OptionType.String) with { MaxLength = 100 },
            texts.Option("kind", "cmd_sites_kind", OptionType.String) with
            {
                Choices =
                [
                    new CommandChoice { Name = texts.Say(null, "choice_factory"), Value = SiteKinds.Factory, NameLocalizations = texts.Localizations("choice_factory") },
                    new CommandChoice { Name = texts.Say(null, "choice_antenna"), Value = SiteKinds.Antenna, NameLocalizations = texts.Localizations("choice_antenna") },
                ],
            },
            texts.Option("wave", "cmd_sites_wave", OptionType.Integer) with { MinValue = 1, MaxValue = 9 },
        ]);

    public ValueTask<InteractionResponse> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var locale = context.Interaction.Locale;
        var current = knowledge.Current;
        var language = current.LanguageOf(locale);
        var kind = context.GetString("kind") is SiteKinds.Factory or SiteKinds.Antenna ? context.GetString("kind") : null;
        var selection = current.SelectSites(context.GetString("country"), kind, context.GetInteger("wave"));
        var title = selection.Country is null
            ? texts.Say(locale, "sites_title", ("count", selection.Sites.Count.ToString(CultureInfo.InvariantCulture)))
            : texts.Say(locale, selection.Sites.Count == 0 ? "no_sites_in" : "sites_in", ("country", Discord.Messages.UserText.Escape(selection.Country)));
        return ValueTask.FromResult(InteractionResponse.Message(new InteractionCallbackData
        {
            Embeds = [DiscordRenderer.SiteList(title, selection.Sites, s => current.Label(s, language), (s, f) => current.Card(s, false, language).Fields.FirstOrDefault(x => x.Key == f)?.Value ?? "-", texts.For(locale))],
            AllowedMentions = AllowedMentions.None,
        }));
    }
}
