using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AiFactories.Bot.Bench;

/// <summary>The built executable started as `serve` in a child process, as a deployment runs it.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private readonly BenchStore _store;

    private ServerProcess(Process process, string baseUrl, TimeSpan startToReady, BenchStore store)
    {
        _process = process;
        _store = store;
        BaseUrl = baseUrl;
        StartToReady = startToReady;
    }

    public string BaseUrl { get; }

    public TimeSpan StartToReady { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts `serve` on a free loopback port and waits until /healthz answers.</summary>
    /// <param name="publicKeyHex">The key the load's requests are signed for.</param>
    /// <param name="corpusPath">The corpus folder.</param>
    /// <param name="executable">The bot to run (see <see cref="Launch"/>).</param>
    /// <param name="settings">Settings besides the benchmark's own, as environment variables.</param>
    public static async Task<ServerProcess> StartAsync(string publicKeyHex, string corpusPath, string? executable, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = Launch.Of(executable, "serve", "--urls", baseUrl);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["Discord__ApplicationId"] = "1100000000000000000";
        start.Environment["Discord__PublicKey"] = publicKeyHex;
        start.Environment["Knowledge__CorpusPath"] = corpusPath;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["RateLimit__Enabled"] = "false";
        // The load replays a fixed set of signed requests (one PING id, one id per question): with replays
        // refused, every request after the first of each id was a fast refusal, not an answer.
        start.Environment["Discord__RejectReplays"] = "false";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var store = new BenchStore();
        store.Apply(start);

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server process");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                store.Dispose();
                throw new InvalidOperationException($"the server exited with code {process.ExitCode} before it was ready");
            }

            try
            {
                using var response = await http.GetAsync(baseUrl + "/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return new ServerProcess(process, baseUrl, clock.Elapsed, store);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(5);
        }

        process.Kill(entireProcessTree: true);
        store.Dispose();
        throw new TimeoutException("the server was not ready within 60 seconds");
    }

    /// <summary>The server's peak resident memory so far (VmHWM), in MiB.</summary>
    public double PeakMemoryMiB() => ReadStatusKiB("VmHWM") / 1024.0;

    /// <summary>The server's resident memory now (VmRSS), in MiB.</summary>
    public double MemoryMiB() => ReadStatusKiB("VmRSS") / 1024.0;

    private double ReadStatusKiB(string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith(key + ":", StringComparison.Ordinal))
                {
                    return double.Parse(line[(key.Length + 1)..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // Not on Linux, or the process is gone.
        }

        _process.Refresh();
        return (key == "VmHWM" ? _process.PeakWorkingSet64 : _process.WorkingSet64) / 1024.0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _store.Dispose();
    }
}
