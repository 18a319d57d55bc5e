using AiFactories.Bot.Knowledge.Answers;
using AiFactories.Bot.Rendering;

namespace AiFactories.Bot.Cli;

/// <summary>`sites [--country X]`: every site, one line each.</summary>
internal sealed class SitesCommand : ICliCommand
{
    public string Name => "sites";

    public string Usage => "sites [--country X]            list the sites (a country in any language)";

    public async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        string? country = null;
        if (args.Count > 0)
        {
            if (args[0] != "--country" || args.Count < 2)
            {
                throw new UsageException("sites takes only --country COUNTRY");
            }

            country = string.Join(' ', args.Skip(1));
        }

        var knowledge = context.Knowledge.Current;
        var sites = knowledge.Corpus.Sites.ToList();
        if (country is not null)
        {
            var parsed = knowledge.Reader.Read(country);
            var named = parsed.Sites.Select(s => s.Site).ToList();
            if (named.Count == 0)
            {
                var name = parsed.Countries.Select(c => c.Country.Name).FirstOrDefault() ?? country.Trim();
                await context.Output.WriteLineAsync($"No site in {name}.");
                return CommandLine.Ok;
            }

            var countries = named.Select(s => s.Country).ToHashSet(StringComparer.OrdinalIgnoreCase);
            sites = sites.Where(s => countries.Contains(s.Country)).ToList();
        }

        foreach (var site in sites)
        {
            await context.Output.WriteLineAsync($"{site.Id,-10} {knowledge.Formatter.Label(site)} — host: {site.Host} — system: {site.System}");
        }

        return CommandLine.Ok;
    }
}

/// <summary>`site NAME`: one site's full card, by any name, typos forgiven.</summary>
internal sealed class SiteCommand : ICliCommand
{
    public string Name => "site";

    public string Usage => "site NAME                      one site's card (any name or alias, typos forgiven)";

    public async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        var name = string.Join(' ', args);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new UsageException("site needs a NAME, e.g. site Kajaani");
        }

        var knowledge = context.Knowledge.Current;
        var found = knowledge.Entities.FindSites(name, 1);
        if (found.Count == 0)
        {
            var known = string.Join(", ", knowledge.Corpus.Sites.Select(s => s.City));
            await context.Error.WriteLineAsync($"error: no site matches '{CommandLine.OneLine(name)}'; the sites are {known}");
            return CommandLine.Failed;
        }

        await context.Output.WriteAsync(AnswerText.Card(found[0].Site, knowledge.Formatter, full: true));
        return CommandLine.Ok;
    }
}
