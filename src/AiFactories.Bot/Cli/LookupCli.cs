using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using AiFactories.Bot.Knowledge;
using AiFactories.Bot.Knowledge.Corpus;
using AiFactories.Bot.Rendering;

namespace AiFactories.Bot.Cli;

/// <summary>The lookups: `sites`, `site`, `search`, `sources` and `index`.</summary>
internal static class LookupCli
{
    private const int MaxSearchResults = 5;

    public static Command Sites(CliRuntime runtime)
    {
        var country = new Option<string[]>("--country") { Description = "Only the sites of this country, named in any main EU language", AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.OneOrMore };
        var kind = new Option<string?>("--kind") { Description = "Only AI Factories (factory) or AI Factory Antennas (antenna)" };
        kind.AcceptOnlyFromAmong(SiteKinds.All.ToArray());
        var wave = new Option<int?>("--wave") { Description = "Only the AI Factories of this wave (1, 2 or 3)" };
        var command = new Command("sites", "List the sites (AI Factories and antennas), one per line") { country, kind, wave };
        command.SetAction((parsed, _) => runtime.RunAsync(discord: false, async context =>
        {
            var knowledge = context.Knowledge.Current;
            var words = parsed.GetValue(country);
            var selection = knowledge.SelectSites(words is { Length: > 0 } ? string.Join(' ', words) : null, parsed.GetValue(kind), parsed.GetValue(wave));
            if (selection.Sites.Count == 0)
            {
                await context.Output.WriteLineAsync(selection.Country is null ? "No site matches." : $"No site in {selection.Country}.");
                return CommandLine.Ok;
            }

            foreach (var site in selection.Sites)
            {
                var detail = site.IsFactory
                    ? $"wave {site.Wave} ({site.Announced:yyyy-MM-dd}) — host: {site.Host ?? "not reported"} — system: {site.System ?? "not reported"}"
                    : $"antenna ({site.Announced:yyyy-MM-dd}) — host: {site.Host ?? "not reported"} — linked to: {(site.LinkedFactories is { Count: > 0 } linked ? string.Join(", ", linked) : "not reported")}";
                await context.Output.WriteLineAsync($"{site.Id,-24} {knowledge.Label(site)} — {detail}");
            }

            return CommandLine.Ok;
        }));
        return command;
    }

    public static Command Site(CliRuntime runtime)
    {
        var name = new Argument<string[]>("name") { Arity = ArgumentArity.ZeroOrMore, Description = "Any name or alias of the site, in any language; typos forgiven" };
        var locale = new Option<string?>("--locale") { Description = "The language of the card's labels (a Discord locale or ISO code)" };
        var command = new Command("site", "One site's full card") { name, locale };
        command.SetAction((parsed, _) => runtime.RunAsync(discord: false, async context =>
        {
            var text = string.Join(' ', AskCli.QuestionWords(parsed, name, "site"));
            if (string.IsNullOrWhiteSpace(text))
            {
                throw CommandLine.Usage("site needs a NAME, e.g. site Kajaani", "site");
            }

            var knowledge = context.Knowledge.Current;
            if (knowledge.FindSite(text) is not { } site)
            {
                await context.Error.WriteLineAsync($"error: no site matches '{CliRuntime.OneLine(text)}'; see `sites` for the {knowledge.Sites.Count} sites");
                return CommandLine.Failed;
            }

            await context.Output.WriteAsync(TerminalRenderer.Card(knowledge.Card(site, full: true, parsed.GetValue(locale))));
            return CommandLine.Ok;
        }));
        return command;
    }

    public static Command Search(CliRuntime runtime)
    {
        var terms = new Argument<string[]>("terms") { Arity = ArgumentArity.ZeroOrMore, Description = "Words to look for" };
        var command = new Command("search", "Ranked passages with the matched words in bold") { terms };
        command.SetAction((parsed, _) => runtime.RunAsync(discord: false, async context =>
        {
            var text = string.Join(' ', AskCli.QuestionWords(parsed, terms, "search"));
            if (Knowledge.Answers.QuestionRules.Problem(text, context.Knowledge.Options.MaxQuestionLength) is { } problem)
            {
                throw new UsageException(problem.Replace("question", "search", StringComparison.Ordinal));
            }

            var hits = context.Knowledge.Current.Search(text.Trim(), MaxSearchResults);
            if (hits.Count == 0)
            {
                await context.Output.WriteLineAsync("No passage matches.");
                return CommandLine.Ok;
            }

            var rank = 1;
            foreach (var hit in hits)
            {
                await context.Output.WriteLineAsync($"{rank++}. {hit.Passage.Source.Cite()} (score {hit.Score.ToString("0.00", CultureInfo.InvariantCulture)})");
                await context.Output.WriteLineAsync($"   {hit.HighlightedSentence}");
            }

            return CommandLine.Ok;
        }));
        return command;
    }

    public static Command Sources(CliRuntime runtime)
    {
        var command = new Command("sources", "What the answers come from: documents, fact sheet and site records, with dates and origins");
        command.SetAction((_, _) => runtime.RunAsync(discord: false, async context =>
        {
            foreach (var source in context.Knowledge.Current.Sources())
            {
                await context.Output.WriteLineAsync($"**{source.Title}**");
                await context.Output.WriteLineAsync(source.Description);
                await context.Output.WriteLineAsync();
            }

            return CommandLine.Ok;
        }));
        return command;
    }

    public static Command Index(CliRuntime runtime)
    {
        var command = new Command("index", "Load the corpus, build the index, and print the counts and the time it took");
        command.SetAction((_, _) => runtime.RunAsync(discord: false, async context =>
        {
            // Loaded here rather than through the provider, to time loading and building alone.
            var clock = Stopwatch.StartNew();
            using var knowledge = KnowledgeBase.Load(context.Knowledge.Options.ResolveCorpusPath());
            var total = clock.Elapsed;
            var summary = knowledge.Summary;
            var rows = new (string, object)[]
            {
                ("corpus", summary.CorpusPath),
                ("documents", summary.Documents),
                ("ai factories", summary.Factories),
                ("antennas", summary.Antennas),
                ("fact sheet entries", summary.FactSheetEntries),
                ("countries", summary.Countries),
                ("languages", summary.Languages),
                ("knowledge as of", summary.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                ("synonym groups", summary.SynonymGroups),
                ("passages", summary.Passages),
                ("sentences", summary.Sentences),
                ("lucene documents", summary.LuceneDocuments),
                ("vocabulary words", summary.VocabularyWords),
                ("index", summary.IndexFromCache ? "opened from corpus/.index" : "built"),
                ("index build ms", Math.Round(summary.IndexBuildTime.TotalMilliseconds, 1)),
                ("load and build ms", Math.Round(total.TotalMilliseconds, 1)),
            };
            foreach (var (label, value) in rows)
            {
                await context.Output.WriteLineAsync($"{label,-20} {Convert.ToString(value, CultureInfo.InvariantCulture)}");
            }

            return CommandLine.Ok;
        }));
        return command;
    }
}
