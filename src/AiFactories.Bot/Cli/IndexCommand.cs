using System.Diagnostics;
using System.Globalization;
using AiFactories.Bot.Knowledge;

namespace AiFactories.Bot.Cli;

/// <summary>`index`: what the corpus holds and how long loading and indexing took.</summary>
internal sealed class IndexCommand : ICliCommand
{
    public string Name => "index";

    public string Usage => "index                          corpus counts and index build time";

    public async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        var path = context.Knowledge.Options.ResolveCorpusPath();
        var clock = Stopwatch.StartNew();
        using var knowledge = KnowledgeBase.Load(path);
        var total = clock.Elapsed;
        var corpus = knowledge.Corpus;
        var rows = new (string, object)[]
        {
            ("corpus", corpus.RootPath),
            ("documents", corpus.Documents.Count),
            ("site records", corpus.Sites.Count),
            ("fact sheet entries", corpus.FactSheet.Entries.Count),
            ("other countries", corpus.Countries.Count),
            ("synonym groups", corpus.SynonymGroups),
            ("passages", knowledge.Index.Passages.Count),
            ("sentences", knowledge.Index.Sentences.Count),
            ("lucene documents", knowledge.Index.DocumentCount),
            ("vocabulary words", knowledge.Index.VocabularySize),
            ("index build ms", Math.Round(knowledge.Index.BuildTime.TotalMilliseconds, 1)),
            ("load and build ms", Math.Round(total.TotalMilliseconds, 1)),
        };
        foreach (var (name, value) in rows)
        {
            await context.Output.WriteLineAsync($"{name,-20} {Convert.ToString(value, CultureInfo.InvariantCulture)}");
        }

        return CommandLine.Ok;
    }
}
