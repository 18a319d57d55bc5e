using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Feedback;

/// <summary>
/// Takes feedback from the answering code without ever making it wait: events go into a bounded
/// buffer and a background loop opens the store, writes them in batches and applies the retention.
/// A full buffer, a failed write or a store that cannot be opened drops events, counted in
/// aifactories.feedback.dropped; the bot answers on regardless. Logs never carry question text.
/// </summary>
public sealed partial class FeedbackWriter : BackgroundService, IFeedbackSink
{
    // Rows per transaction at most: under load a commit every few hundred rows, not per answer.
    private const int BatchSize = 500;

    // How long the loop lets events gather before writing a batch (wall time; not the injected clock,
    // which tests stop).
    private static readonly TimeSpan GatherWindow = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan GatherStep = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(5);

    // At shutdown, a write in progress and what is still buffered get this long to reach the store.
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    // What the loop is doing, read by Record to name the reason of a drop.
    private const int Opening = 0;
    private const int Open = 1;
    private const int Failing = 2;
    private const int Stopped = 3;

    private readonly IFeedbackStore _store;
    private readonly StoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<FeedbackWriter> _logger;
    private readonly Channel<object> _events;
    // A batch is there when this many events wait: BatchSize, or the whole buffer when it is smaller.
    private readonly int _batch;
    private int _state = Opening;
    private int _warnedFull;

    public FeedbackWriter(IFeedbackStore store, IOptions<StoreOptions> options, TimeProvider time, ILogger<FeedbackWriter> logger)
    {
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _batch = Math.Min(BatchSize, Math.Max(1, _options.BufferSize));
        _events = Channel.CreateBounded<object>(new BoundedChannelOptions(Math.Max(1, _options.BufferSize))
        {
            // With Wait, TryWrite refuses at once when full: the event is dropped, never waited for.
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    public bool Enabled => _options.Enabled;

    public void Record(AnswerEvent answer) => Enqueue(answer);

    public void Record(VoteEvent vote) => Enqueue(vote);

    private void Enqueue(object item)
    {
        if (!Enabled)
        {
            return;
        }

        var state = Volatile.Read(ref _state);
        if (state == Stopped)
        {
            FeedbackMetrics.Drop(FeedbackMetrics.StoreUnavailable);
            return;
        }

        if (_events.Writer.TryWrite(item))
        {
            return;
        }

        FeedbackMetrics.Drop(state == Open ? FeedbackMetrics.Full : FeedbackMetrics.StoreUnavailable);
        if (Interlocked.Exchange(ref _warnedFull, 1) == 0)
        {
            LogBufferFull(_options.BufferSize);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        // The host's start does not wait for the store.
        await Task.Yield();
        using var writes = new CancellationTokenSource();
        using var grace = stoppingToken.Register(() => writes.CancelAfter(ShutdownGrace));
        try
        {
            if (!await OpenAsync(stoppingToken))
            {
                Volatile.Write(ref _state, Stopped);
                DropPending();
                return;
            }

            await Task.WhenAll(WriteLoopAsync(stoppingToken, writes.Token), RetentionLoopAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await FlushAsync(writes.Token);
    }

    /// <summary>Opens the store, trying again with a growing delay while it is unreachable; false if it will never be usable.</summary>
    private async Task<bool> OpenAsync(CancellationToken stoppingToken)
    {
        var delay = FirstRetry;
        while (true)
        {
            try
            {
                await _store.OpenAsync(stoppingToken);
                Volatile.Write(ref _state, Open);
                LogOpened(_store.Name, (_store as SqlFeedbackStore)?.Where ?? _store.Name);
                return true;
            }
            catch (FeedbackStoreException e) when (!e.Transient)
            {
                LogUnusable(e.Message);
                return false;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogOpenRetry(_store.Name, delay, OneLine(e));
                await Task.Delay(delay, _time, stoppingToken);
                delay = Min(delay * 2, LongestRetry);
            }
        }
    }

    /// <summary>Writes batches until the host stops; a write in progress then still gets the grace period (<paramref name="writeToken"/>).</summary>
    private async Task WriteLoopAsync(CancellationToken stoppingToken, CancellationToken writeToken)
    {
        var failures = 0;
        var reader = _events.Reader;
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            // Under load, events come one by one: a moment's wait lets a batch gather, so the store
            // commits a few times a second rather than once or twice per answer (each commit of a
            // handful of rows cost more CPU than answering them).
            // The wait ends early once a batch is there, so a busy bot does not fill its buffer waiting.
            var gathering = System.Diagnostics.Stopwatch.GetTimestamp();
            while (reader.CanCount && reader.Count < _batch && System.Diagnostics.Stopwatch.GetElapsedTime(gathering) < GatherWindow)
            {
                await Task.Delay(GatherStep, stoppingToken);
            }

            var (answers, votes) = TakeBatch(reader);
            try
            {
                await _store.WriteAsync(answers, votes, writeToken);
                FeedbackMetrics.Wrote(answers.Count + votes.Count);
                failures = 0;
                Volatile.Write(ref _state, Open);
                Volatile.Write(ref _warnedFull, 0);
            }
            catch (Exception e)
            {
                FeedbackMetrics.Drop(FeedbackMetrics.StoreFailed, answers.Count + votes.Count);
                failures++;
                var pause = stoppingToken.IsCancellationRequested ? TimeSpan.Zero : Min(FirstRetry * Math.Pow(2, Math.Min(failures - 1, 16)), LongestRetry);
                LogWriteFailed(_store.Name, answers.Count + votes.Count, pause, OneLine(e));
                stoppingToken.ThrowIfCancellationRequested();

                // A store that just failed is given a moment before the next batch, rather than
                // hammered; events meanwhile wait in the buffer (or are dropped when it is full).
                Volatile.Write(ref _state, Failing);
                await Task.Delay(pause, _time, stoppingToken);
            }
        }
    }

    private async Task RetentionLoopAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            var before = _time.GetUtcNow() - TimeSpan.FromDays(_options.RetentionDays);
            try
            {
                var deleted = await _store.DeleteBeforeAsync(before, stoppingToken);
                if (deleted > 0)
                {
                    LogDeleted(deleted, _options.RetentionDays);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogRetentionFailed(_store.Name, OneLine(e));
            }

            await Task.Delay(TimeSpan.FromDays(1), _time, stoppingToken);
        }
    }

    /// <summary>At shutdown: what is still buffered is written if the store is open (for a few seconds at most), dropped otherwise.</summary>
    private async Task FlushAsync(CancellationToken writeToken)
    {
        var state = Interlocked.Exchange(ref _state, Stopped);
        _events.Writer.TryComplete();
        if (state == Stopped)
        {
            return;
        }

        if (state != Open)
        {
            DropPending();
            return;
        }

        while (_events.Reader.TryPeek(out _))
        {
            var (answers, votes) = TakeBatch(_events.Reader);
            try
            {
                await _store.WriteAsync(answers, votes, writeToken);
                FeedbackMetrics.Wrote(answers.Count + votes.Count);
            }
            catch (Exception e)
            {
                FeedbackMetrics.Drop(FeedbackMetrics.StoreFailed, answers.Count + votes.Count);
                LogWriteFailed(_store.Name, answers.Count + votes.Count, TimeSpan.Zero, OneLine(e));
                DropPending();
                return;
            }
        }
    }

    private static (List<AnswerEvent> Answers, List<VoteEvent> Votes) TakeBatch(ChannelReader<object> reader)
    {
        var answers = new List<AnswerEvent>();
        var votes = new List<VoteEvent>();
        while (answers.Count + votes.Count < BatchSize && reader.TryRead(out var item))
        {
            if (item is AnswerEvent answer)
            {
                answers.Add(answer);
            }
            else
            {
                votes.Add((VoteEvent)item);
            }
        }

        return (answers, votes);
    }

    private void DropPending()
    {
        var count = 0;
        while (_events.Reader.TryRead(out _))
        {
            count++;
        }

        if (count > 0)
        {
            FeedbackMetrics.Drop(FeedbackMetrics.StoreUnavailable, count);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    // Exception messages of the stores name the store and the problem; SQL parameters (the
    // question text) are never part of them.
    private static string OneLine(Exception e) => $"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Feedback store {Store} open: {Where}")]
    private partial void LogOpened(string store, string where);

    [LoggerMessage(Level = LogLevel.Error, Message = "Feedback is not recorded: {Reason}")]
    private partial void LogUnusable(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feedback store {Store} cannot be opened, trying again in {Delay}: {Reason}")]
    private partial void LogOpenRetry(string store, TimeSpan delay, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feedback store {Store} failed to write {Count} events, dropped; next try in {Pause}: {Reason}")]
    private partial void LogWriteFailed(string store, int count, TimeSpan pause, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feedback buffer full ({Size} events): dropping events until the store catches up")]
    private partial void LogBufferFull(int size);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feedback retention: deleted {Count} rows older than {Days} days")]
    private partial void LogDeleted(int count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feedback store {Store} failed to delete old rows: {Reason}")]
    private partial void LogRetentionFailed(string store, string reason);
}
