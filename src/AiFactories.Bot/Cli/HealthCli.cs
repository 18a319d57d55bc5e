using System.CommandLine;

namespace AiFactories.Bot.Cli;

/// <summary>
/// `health URL`: exits 0 when the URL answers 200 within five seconds, 1 otherwise. A container
/// HEALTHCHECK needs a probe, and the ASP.NET runtime images carry no curl or wget.
/// </summary>
internal static class HealthCli
{
    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "The URL to probe, for example http://127.0.0.1:8080/healthz/ready" };
        var command = new Command("health", "Probe a health endpoint: exit 0 when it answers 200, 1 otherwise (for container health checks)") { url };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var target = parsed.GetValue(url)!;
            if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                await parsed.InvocationConfiguration.Error.WriteLineAsync($"error: '{CliRuntime.OneLine(target)}' is not an http(s) URL (see health --help)");
                return CommandLine.UsageError;
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            try
            {
                using var response = await http.GetAsync(uri, cancellationToken);
                await parsed.InvocationConfiguration.Output.WriteLineAsync($"{(int)response.StatusCode} {response.StatusCode}");
                return response.IsSuccessStatusCode ? CommandLine.Ok : CommandLine.Failed;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await parsed.InvocationConfiguration.Error.WriteLineAsync($"error: {uri} did not answer: {CliRuntime.OneLine(e.Message)}");
                return CommandLine.Failed;
            }
        });
        return command;
    }
}
