using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace AiFactories.Bot.Bench;

/// <summary>
/// Signed interaction requests over loopback from a fixed number of concurrent connections
/// (SocketsHttpHandler, one request in flight per connection), for a fixed time.
/// </summary>
public static class LoadGenerator
{
    public sealed record Result(int Connections, double Seconds, int Requests, int Errors, Stats Latency, string? FirstError = null)
    {
        public double RequestsPerSecond => Requests / Seconds;
    }

    public static IReadOnlyList<(byte[] Body, string Timestamp, string Signature)> AskRequests(BenchSigner signer, IReadOnlyList<string> questions) =>
        questions.Select((q, i) => signer.Sign(
            $$$"""{"id":"{{{1200000000000000000L + i}}}","application_id":"1100000000000000000","type":2,"token":"t","locale":"en-US","guild_id":"1300000000000000000","channel_id":"1400000000000000000","member":{"user":{"id":"{{{1500000000000000000L + (i % 50)}}}","username":"u"},"permissions":"0"},"data":{"id":"1600000000000000000","name":"ask","type":1,"options":[{"name":"question","type":3,"value":{{{JsonSerializer.Serialize(q)}}}}]}}"""))
            .ToList();

    public static IReadOnlyList<(byte[] Body, string Timestamp, string Signature)> PingRequests(BenchSigner signer) =>
        [signer.Sign("""{"id":"1","application_id":"1100000000000000000","type":1,"token":"t","version":1}""")];

    public static async Task<Result> RunAsync(string url, IReadOnlyList<(byte[] Body, string Timestamp, string Signature)> requests, int connections, TimeSpan duration, TimeSpan warmUp, int? ratePerSecond = null)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        var latency = new Stats();
        var requestsDone = 0;
        var errors = 0;
        string? firstError = null;
        var measuring = false;
        var stop = Stopwatch.StartNew();
        var total = warmUp + duration;
        var measuredFrom = TimeSpan.Zero;
        var interval = ratePerSecond is { } rate ? TimeSpan.FromSeconds(connections / (double)rate) : TimeSpan.Zero;

        async Task WorkerAsync(int worker)
        {
            var next = worker;
            var local = new List<double>();
            var due = Stopwatch.GetTimestamp();
            while (stop.Elapsed < total)
            {
                var (body, timestamp, signature) = requests[next % requests.Count];
                next += connections;
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.TryAddWithoutValidation("X-Signature-Ed25519", signature);
                request.Headers.TryAddWithoutValidation("X-Signature-Timestamp", timestamp);
                var start = Stopwatch.GetTimestamp();
                var ok = false;
                string? error = null;
                try
                {
                    using var response = await http.SendAsync(request);
                    await response.Content.ReadAsByteArrayAsync();
                    ok = response.IsSuccessStatusCode;
                    error = ok ? null : $"HTTP {(int)response.StatusCode}";
                }
                catch (HttpRequestException e)
                {
                    error = e.Message;
                }
                catch (TaskCanceledException)
                {
                    error = "timed out";
                }

                if (Volatile.Read(ref measuring))
                {
                    local.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                    Interlocked.Increment(ref requestsDone);
                    if (!ok)
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, error, null);
                    }
                }

                if (interval > TimeSpan.Zero)
                {
                    due += (long)(interval.TotalSeconds * Stopwatch.Frequency);
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }
                }
            }

            lock (latency)
            {
                foreach (var sample in local)
                {
                    latency.Add(sample);
                }
            }
        }

        var workers = Enumerable.Range(0, connections).Select(w => Task.Run(() => WorkerAsync(w))).ToList();
        await Task.Delay(warmUp);
        measuredFrom = stop.Elapsed;
        Volatile.Write(ref measuring, true);
        await Task.WhenAll(workers);
        var seconds = (stop.Elapsed - measuredFrom).TotalSeconds;
        return new Result(connections, seconds, requestsDone, errors, latency, firstError);
    }
}
