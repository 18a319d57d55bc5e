using System.Globalization;
using AiFactories.Bot.Discord.Rest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Discord.Gateway;

/// <summary>
/// Runs this process's shards: asks GET /gateway/bot for the address, the recommended shard count and
/// the identify concurrency, then one <see cref="GatewayClient"/> per shard id in Discord:ShardIds
/// (default: all of Discord:ShardCount, default: the recommendation). A fatal close of any shard
/// stops every shard and the host, and is kept in <see cref="Fatal"/> (and
/// <see cref="FatalCloseCode"/>) for the command line to report and exit non-zero.
/// </summary>
public sealed partial class GatewayService(
    IDiscordRest rest,
    IOptions<DiscordOptions> options,
    IGatewayTransportFactory transports,
    IGatewayEventSink sink,
    IdentifyGate identifyGate,
    TimeProvider clock,
    ILoggerFactory loggers,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    private readonly List<GatewayClient> _clients = [];

    /// <summary>Why the gateway stopped for good, if it did, in one line; null after a normal shutdown.</summary>
    public string? Fatal { get; private set; }

    /// <summary>Whether every shard of this process has a ready session (readiness in gateway mode).</summary>
    public bool Ready => _clients.Count > 0 && _clients.ToArray().All(c => c.IsReady);

    /// <summary>The close code behind <see cref="Fatal"/> when Discord refused the bot (4004, 4010-4014).</summary>
    public int? FatalCloseCode { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        try
        {
            var gateway = await rest.GetGatewayBotAsync(stoppingToken);
            var count = settings.ShardCount ?? Math.Max(1, gateway.Shards);
            var ids = ParseShardIds(settings.ShardIds, count);
            identifyGate.Configure(gateway.SessionStartLimit?.MaxConcurrency ?? 1);
            LogStarting(loggers.CreateLogger<GatewayService>(), string.Join(",", ids), count);
            foreach (var id in ids)
            {
                _clients.Add(new GatewayClient(
                    new GatewayShardSettings(new Uri(gateway.Url), settings.BotToken!, settings.Intents, id, count),
                    transports, sink, identifyGate, clock, loggers.CreateLogger<GatewayClient>()));
            }

            await RunShardsAsync(stoppingToken);
        }
        catch (GatewayFatalException e)
        {
            FatalCloseCode = e.Code;
            Stop(e.Message);
        }
        catch (DiscordRestException e)
        {
            Stop($"could not get the gateway address: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            Stop($"could not reach Discord at {settings.ApiBaseUrl}: {e.Message}");
        }
        catch (FormatException e)
        {
            Stop(e.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception e)
        {
            // A bug, not a refusal: still a failure the process must report with a non-zero exit,
            // so that a supervisor sees it, rather than a quiet stop that looks like a clean one.
            LogCrashed(loggers.CreateLogger<GatewayService>(), e);
            Stop($"the gateway failed: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Runs every shard; the first that stops for good stops the others, and its exception is thrown.</summary>
    private async Task RunShardsAsync(CancellationToken stoppingToken)
    {
        using var shards = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        Exception? first = null;

        async Task RunShardAsync(GatewayClient client)
        {
            try
            {
                await client.RunAsync(shards.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The other shards would meet the same refusal (one token, one set of intents), and a
                // bot with some shards silently missing is worse than a clear stop.
                Interlocked.CompareExchange(ref first, e, null);
                await shards.CancelAsync();
            }
        }

        await Task.WhenAll(_clients.Select(RunShardAsync));
        if (first is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }
    }

    private void Stop(string message)
    {
        Fatal = message.ReplaceLineEndings(" ");
        LogFatal(loggers.CreateLogger<GatewayService>(), message);
        lifetime.StopApplication();
    }

    /// <summary>"0,2,5" or "0-3" into shard ids, each below the shard count.</summary>
    public static IReadOnlyList<int> ParseShardIds(string? text, int count)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Enumerable.Range(0, count).ToList();
        }

        var ids = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-', StringSplitOptions.TrimEntries);
            if (range.Length is < 1 or > 2
                || !int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                || !int.TryParse(range[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var to)
                || from > to || to >= count)
            {
                throw new FormatException($"Discord:ShardIds '{text}' must list shard ids (like 0,1 or 0-3) below Discord:ShardCount ({count})");
            }

            for (var id = from; id <= to; id++)
            {
                ids.Add(id);
            }
        }

        return ids.ToList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting gateway shards {ShardIds} of {ShardCount}")]
    private static partial void LogStarting(ILogger logger, string shardIds, int shardCount);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The gateway failed")]
    private static partial void LogCrashed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Gateway stopped: {Message}")]
    private static partial void LogFatal(ILogger logger, string message);
}
