using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AiFactories.Bot.Bench;

/// <summary>
/// Signed /ask throughput against Discord's official Node stack (discord-interactions on express,
/// answering a fixed embed), through the comparison script the team keeps beside the checkout
/// (<c>../shared/bench/compare-node-peer.sh</c>, wrk driving both servers in alternating rounds). It
/// needs that script, node, npm and wrk; without one of them the row says which is missing.
/// </summary>
public static partial class NodePeer
{
    public sealed record Result(double? Ratio, string Detail);

    public static async Task<Result> CompareAsync(bool quick)
    {
        var script = Path.GetFullPath(Path.Combine("..", "shared", "bench", "compare-node-peer.sh"));
        if (!File.Exists(script))
        {
            return new Result(null, $"skipped: {script} is not there (it lives beside the checkout, not in it)");
        }

        foreach (var tool in new[] { "node", "npm", "wrk", "curl" })
        {
            if (!OnPath(tool))
            {
                return new Result(null, $"skipped: {tool} is not installed{(tool == "wrk" ? " (apt-get install wrk)" : string.Empty)}");
            }
        }

        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { script, "32", quick ? "4" : "8", quick ? "3" : "5" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // wrk sends its 2000 signed requests over and over; Discord never sends an interaction twice,
        // so the refusal of repeated ids is off for this run, as the per-user rate limit is.
        start.Environment["Discord__RejectReplays"] = "false";
        using var store = new BenchStore();
        store.Apply(start);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "no output";
        return MedianPattern().Match(last) is { Success: true } match
            ? new Result(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), last)
            : new Result(null, $"failed: {last}");
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, tool)));

    [GeneratedRegex(@"median ([0-9.]+)")]
    private static partial Regex MedianPattern();
}
