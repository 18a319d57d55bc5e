using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AiFactories.Bot.Answering;
using AiFactories.Bot.Feedback;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AiFactories.Bot.Tests.Feedback;

/// <summary>
/// The writer never makes the answering code wait or fail, whatever the store does. (The tests of
/// this class run one at a time, so the drop counters they read are their own.)
/// </summary>
// The feedback metrics are process-wide: the tests that count them and the ones that make a real
// writer write do not run at the same time.
[Collection(FeedbackMetricsCollection.Name)]
public sealed class FeedbackWriterTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counts = new();

    public FeedbackWriterTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == BotMetrics.MeterName && instrument.Name.StartsWith("aifactories.feedback.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var reason = tags.ToArray().FirstOrDefault(t => t.Key == "reason").Value as string;
            _counts.AddOrUpdate(reason is null ? instrument.Name : $"{instrument.Name}:{reason}", value, (_, sum) => sum + value);
        });
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    private long Count(string name) => _counts.GetValueOrDefault(name);

    private long Dropped => _counts.Where(c => c.Key.StartsWith("aifactories.feedback.dropped:", StringComparison.Ordinal)).Sum(c => c.Value);

    private FeedbackWriter Writer(IFeedbackStore store, bool enabled = true, int bufferSize = 1000) =>
        new(store, Options.Create(new StoreOptions { Enabled = enabled, BufferSize = bufferSize, RetentionDays = 90 }), _time, NullLogger<FeedbackWriter>.Instance);

    private static AnswerEvent Answer(int i, DateTimeOffset? at = null) => new($"A{i}", at ?? Start, "Where is Kajaani?", "where kajaani", "en", "sites", true, ["lumi"], null);

    private static VoteEvent Vote(int i) => new($"A{i}", "voter", Start, false, "sites", "en", null, null);

    /// <summary>Waits (up to 20 s of real time) for a condition the background loop brings about, moving the fake clock on so its pauses end.</summary>
    private async Task EventuallyAsync(Func<bool> condition, TimeSpan? advance = null)
    {
        for (var i = 0; i < 2000 && !condition(); i++)
        {
            if (advance is { } step)
            {
                _time.Advance(step);
            }

            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    [Fact]
    public async Task AStoreThatCannotBeOpenedNeverStopsOrSlowsRecording()
    {
        var store = new FakeStore { OpenProblem = new FeedbackStoreException("/data/feedback.db is not a SQLite database") };
        var writer = Writer(store);
        await writer.StartAsync(CancellationToken.None);

        for (var i = 0; i < 10_000; i++)
        {
            writer.Record(Answer(i));
        }

        await EventuallyAsync(() => Dropped == 10_000);
        await writer.StopAsync(CancellationToken.None);
        Assert.Equal(0, store.Written);
        Assert.Equal(1, store.Opens);
        Assert.Equal(0, Count("aifactories.feedback.written"));
        Assert.True(Count("aifactories.feedback.dropped:store_unavailable") > 0);
    }

    [Fact]
    public async Task AStoreThatFailsEveryWriteDropsAndCountsTheEvents()
    {
        var store = new FakeStore { WriteProblem = new InvalidOperationException("disk I/O error") };
        var writer = Writer(store);
        await writer.StartAsync(CancellationToken.None);
        await EventuallyAsync(() => store.Opens == 1);

        for (var i = 0; i < 10_000; i++)
        {
            writer.Record(Vote(i));
        }

        // Each failure pauses the loop on the fake clock; moving it on lets every batch be tried.
        await EventuallyAsync(() => Dropped == 10_000, advance: TimeSpan.FromMinutes(10));
        await writer.StopAsync(CancellationToken.None);
        Assert.True(store.WriteAttempts > 0);
        Assert.Equal(0, store.Written);
        Assert.True(Count("aifactories.feedback.dropped:store_failed") > 0);
    }

    [Fact]
    public async Task AFullBufferDropsWhatDoesNotFitAndWritesTheRest()
    {
        var store = new FakeStore { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var writer = Writer(store, bufferSize: 10);
        await writer.StartAsync(CancellationToken.None);
        await EventuallyAsync(() => store.Opens == 1);

        // The first event is taken into a write that the store holds up; ten more fill the buffer.
        writer.Record(Answer(0));
        await EventuallyAsync(() => store.WriteAttempts == 1);
        for (var i = 1; i <= 100; i++)
        {
            writer.Record(Answer(i));
        }

        Assert.Equal(90, Count("aifactories.feedback.dropped:full"));
        store.Gate.SetResult();
        await EventuallyAsync(() => store.Written == 11);
        await writer.StopAsync(CancellationToken.None);
        Assert.Equal(11, Count("aifactories.feedback.written"));
    }

    [Fact]
    public async Task KeepsTryingToOpenAStoreThatIsDownAndWritesWhatWaitedOnceItIsUp()
    {
        var store = new FakeStore { OpenProblem = new FeedbackStoreException("cannot connect to the PostgreSQL database") { Transient = true }, OpenFailures = 3 };
        var writer = Writer(store);
        await writer.StartAsync(CancellationToken.None);
        writer.Record(Answer(1));
        writer.Record(Vote(1));

        await EventuallyAsync(() => store.Written == 2, advance: TimeSpan.FromSeconds(30));
        await writer.StopAsync(CancellationToken.None);

        Assert.Equal(4, store.Opens);
        Assert.Equal(0, Dropped);
    }

    [Fact]
    public async Task DeletesOldRowsAtStartAndThenDaily()
    {
        var store = new FakeStore();
        var writer = Writer(store);
        await writer.StartAsync(CancellationToken.None);

        await EventuallyAsync(() => store.Cutoffs.Count == 1);
        _time.Advance(TimeSpan.FromDays(1));
        await EventuallyAsync(() => store.Cutoffs.Count == 2);
        await writer.StopAsync(CancellationToken.None);

        Assert.Equal(new[] { Start.AddDays(-90), Start.AddDays(-89) }, store.Cutoffs);
    }

    [Fact]
    public async Task WritesWhatIsStillBufferedWhenTheHostStops()
    {
        var store = new FakeStore { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var writer = Writer(store);
        await writer.StartAsync(CancellationToken.None);
        await EventuallyAsync(() => store.Opens == 1);
        writer.Record(Answer(0));
        await EventuallyAsync(() => store.WriteAttempts == 1);
        writer.Record(Answer(1));
        writer.Record(Answer(2));

        store.Gate.SetResult();
        await writer.StopAsync(CancellationToken.None);

        Assert.Equal(3, store.Written);
    }

    [Fact]
    public async Task ADisabledStoreIsNeitherOpenedNorWritten()
    {
        var store = new FakeStore();
        var writer = Writer(store, enabled: false);
        await writer.StartAsync(CancellationToken.None);

        writer.Record(Answer(1));
        writer.Record(Vote(1));
        await Task.Delay(100);
        await writer.StopAsync(CancellationToken.None);

        Assert.False(writer.Enabled);
        Assert.Equal((0, 0, 0), (store.Opens, store.WriteAttempts, store.Cutoffs.Count));
        Assert.Equal(0, Dropped);
    }

    [Fact]
    public async Task TheServicesRecordIntoTheSqliteFileTheSettingsName()
    {
        var folder = Path.Combine(Path.GetTempPath(), "aif-feedback-" + Guid.NewGuid().ToString("N"));
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Store:Path"] = "state/feedback.db" }).Build();
            var services = new ServiceCollection().AddLogging().AddSingleton<IHostEnvironment>(new TestEnvironment(folder)).AddFeedbackStore(configuration);
            await using (var provider = services.BuildServiceProvider())
            {
                var sink = provider.GetRequiredService<IFeedbackSink>();
                var hosted = Assert.Single(provider.GetServices<IHostedService>());
                Assert.Same(sink, hosted);
                Assert.IsType<SqliteFeedbackStore>(provider.GetRequiredService<IFeedbackStore>());

                await hosted.StartAsync(CancellationToken.None);
                // Now: the real clock's retention runs too, and must keep it.
                sink.Record(Answer(1, DateTimeOffset.UtcNow));
                await EventuallyAsync(() => Count("aifactories.feedback.written") == 1);
                await hosted.StopAsync(CancellationToken.None);
            }

            await using var store = await FeedbackStores.OpenAsync(new StoreOptions { Path = Path.Combine(folder, "state", "feedback.db") }, CancellationToken.None);
            Assert.Equal("A1", Assert.Single((await store.ExportAsync(DateTimeOffset.UnixEpoch, CancellationToken.None)).Answers).AnswerId);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ChoosesPostgreSqlWhenAConnectionStringIsSet()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Store:ConnectionString"] = "Host=db;Username=bot;Database=feedback" }).Build();
        await using var provider = new ServiceCollection().AddLogging().AddFeedbackStore(configuration).BuildServiceProvider();

        Assert.Equal("postgresql", provider.GetRequiredService<IFeedbackStore>().Name);
    }

    private sealed class TestEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";

        public string ApplicationName { get; set; } = "aifactories-bot";

        public string ContentRootPath { get; set; } = root;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }

    private sealed class FakeStore : IFeedbackStore
    {
        private int _opens;
        private int _writeAttempts;
        private int _written;

        public Exception? OpenProblem { get; init; }

        /// <summary>How many opens fail before one succeeds; all of them when not set.</summary>
        public int OpenFailures { get; init; } = int.MaxValue;

        public Exception? WriteProblem { get; init; }

        public TaskCompletionSource? Gate { get; init; }

        public int Opens => Volatile.Read(ref _opens);

        public int WriteAttempts => Volatile.Read(ref _writeAttempts);

        public int Written => Volatile.Read(ref _written);

        public ConcurrentQueue<DateTimeOffset> Cutoffs { get; } = new();

        public string Name => "fake";

        public Task OpenAsync(CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _opens) <= OpenFailures && OpenProblem is { } problem ? Task.FromException(problem) : Task.CompletedTask;

        public async Task WriteAsync(IReadOnlyList<AnswerEvent> answers, IReadOnlyList<VoteEvent> votes, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _writeAttempts);
            if (Gate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            if (WriteProblem is { } problem)
            {
                throw problem;
            }

            Interlocked.Add(ref _written, answers.Count + votes.Count);
        }

        public Task<int> DeleteBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
        {
            Cutoffs.Enqueue(before);
            return Task.FromResult(0);
        }

        public Task<IReadOnlyList<UnansweredRow>> UnansweredAsync(DateTimeOffset since, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<DownvotedRow>> DownvotedAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<StatsRows> StatsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<(IReadOnlyList<AnswerEvent> Answers, IReadOnlyList<VoteEvent> Votes)> ExportAsync(DateTimeOffset since, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
