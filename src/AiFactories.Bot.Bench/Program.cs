using System.CommandLine;
using AiFactories.Bot.Bench;

var quick = new Option<bool>("--quick") { Description = "A shorter run (fewer rounds, no x100 and x1000 growth)" };
var outFile = new Option<string?>("--out") { Description = "Also write the figures as JSON to this file" };
var exe = new Option<string?>("--exe") { Description = "The bot to measure one-shot `ask` and `serve` with: an aifactories-bot.dll (run with dotnet) or a self-contained publish's aifactories-bot executable; default: the bot built beside the bench" };
var soak = new Option<double?>("--soak") { Description = "Instead: hold 200 requests a second against `serve` for this many minutes, reporting errors and memory" };
var corpus = new Option<string>("--corpus") { Description = "The corpus folder", DefaultValueFactory = _ => "corpus" };
var root = new RootCommand("AiFactories.Bot benchmark: each figure beside its floor, measured in one run") { quick, outFile, exe, soak, corpus };
root.SetAction(async (parsed, _) =>
{
    var executable = parsed.GetValue(exe);
    if (executable is not null && !File.Exists(executable))
    {
        await Console.Error.WriteLineAsync($"error: --exe {executable}: no such file (build or publish the bot first)");
        return 2;
    }

    if (parsed.GetValue(soak) is <= 0)
    {
        await Console.Error.WriteLineAsync("error: --soak takes a number of minutes above 0");
        return 2;
    }

    var corpusPath = Path.GetFullPath(parsed.GetValue(corpus)!);
    return await BenchRunner.RunAsync(Console.Out, corpusPath, parsed.GetValue(outFile), executable is null ? null : Path.GetFullPath(executable), parsed.GetValue(quick), parsed.GetValue(soak));
});
return await root.Parse(args).InvokeAsync();
