using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using AiFactories.Bot.Tests.Shared;

namespace AiFactories.Bot.Tests.Cli;

/// <summary>
/// The native (PublishAot) build: trimming can drop what only reflection reaches, so the published
/// executable is run as a user runs it and held to the engine. `.ci/run` publishes it and names it in
/// AIFACTORIES_NATIVE_BOT; elsewhere these tests skip, since a native publish takes minutes.
/// </summary>
public sealed class NativeBuildTests
{
    private const string Variable = "AIFACTORIES_NATIVE_BOT";

    [SkippableFact]
    public async Task AnswersEveryQuestionOfTheOwnSetAsTheEngineDoes()
    {
        var native = NativeExecutable();
        var questions = await File.ReadAllTextAsync(RepositoryPaths.OwnQuestionSet);

        var (exit, expected, error) = await CliRunner.RunAsync(["ask", "--json"], questions);
        Assert.True(exit == 0, error);
        var (nativeExit, actual, nativeError) = await RunAsync(native, ["ask", "--json"], questions);

        Assert.True(nativeExit == 0, nativeError);
        var expectedLines = expected.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var actualLines = actual.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expectedLines.Length, actualLines.Length);
        for (var i = 0; i < expectedLines.Length; i++)
        {
            Assert.Equal(expectedLines[i], actualLines[i]);
        }
    }

    [SkippableFact]
    public async Task RefusesABadSettingWithTheSameMessage()
    {
        var native = NativeExecutable();
        var settings = new Dictionary<string, string?> { ["Discord:SignatureWindowSeconds"] = "soon" };

        var (exit, _, error) = await CliRunner.RunAsync(["ask", "Who hosts Pharos?"], extra: settings);
        var (nativeExit, _, nativeError) = await RunAsync(native, ["ask", "Who hosts Pharos?"], environment: new() { ["Discord__SignatureWindowSeconds"] = "soon" });

        Assert.Equal(2, exit);
        Assert.Equal(exit, nativeExit);
        Assert.Contains("setting Discord:SignatureWindowSeconds = 'soon' is not a whole number", error);
        Assert.Contains("setting Discord:SignatureWindowSeconds = 'soon' is not a whole number", nativeError);
    }

    [SkippableFact]
    public async Task ServesSignedInteractions()
    {
        var native = NativeExecutable();
        var signer = new TestSigner();
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = Start(native, ["serve", "--urls", url], new()
        {
            ["Discord__ApplicationId"] = "1100000000000000000",
            ["Discord__PublicKey"] = signer.PublicKeyHex,
            ["Logging__LogLevel__Default"] = "Warning",
        });
        using var server = Process.Start(start)!;
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            await WaitUntilReadyAsync(http, url, server);

            var pong = await PostAsync(http, url, signer, """{"id":"1","application_id":"2","type":1,"token":"t","version":1}""");
            var answer = await PostAsync(http, url, signer, """{"id":"2","application_id":"2","type":2,"token":"t","data":{"id":"3","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"Who hosts the AI Factory in Stuttgart?"}]}}""");
            using var unsigned = await http.PostAsync(url + "/interactions", new StringContent("""{"id":"1","type":1}""", Encoding.UTF8, "application/json"));

            Assert.Equal((HttpStatusCode.OK, """{"type":1}"""), pong);
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            var embed = JsonDocument.Parse(answer.Body).RootElement.GetProperty("data").GetProperty("embeds")[0];
            Assert.Equal("Who hosts the AI Factory in Stuttgart?", embed.GetProperty("title").GetString());
            Assert.Contains("HLRS", embed.GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static string NativeExecutable()
    {
        var path = Environment.GetEnvironmentVariable(Variable);
        Skip.If(string.IsNullOrEmpty(path), $"{Variable} is not set: .ci/run publishes the native build and sets it");
        Assert.True(File.Exists(path), $"{Variable} names {path}, which does not exist");
        return path;
    }

    private static ProcessStartInfo Start(string executable, string[] arguments, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Knowledge__CorpusPath"] = RepositoryPaths.Corpus;

        // Nothing is recorded outside the test's folders.
        start.Environment["Store__Enabled"] = "false";
        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string executable, string[] arguments, string input = "", Dictionary<string, string>? environment = null)
    {
        using var process = Process.Start(Start(executable, arguments, environment))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await output).Replace("\r\n", "\n", StringComparison.Ordinal), await error);
    }

    private static async Task WaitUntilReadyAsync(HttpClient http, string url, Process server)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (server.HasExited)
            {
                Assert.Fail($"serve exited with {server.ExitCode}: {await server.StandardError.ReadToEndAsync()}");
            }

            try
            {
                using var response = await http.GetAsync(url + "/healthz/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        Assert.Fail("serve was not ready after 10 s");
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient http, string url, TestSigner signer, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url + "/interactions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        signer.AddSignature(request.Headers, body);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
