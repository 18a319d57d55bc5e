using Microsoft.Extensions.Hosting;

namespace AiFactories.Bot.Answering;

/// <summary>Loads the corpus when the host starts, so a broken corpus stops the start and the first question is not slow.</summary>
internal sealed class KnowledgeWarmup(KnowledgeProvider knowledge) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = knowledge.Current;

        // The load's garbage is collected before the server reports ready: with it still in the heap,
        // the first second of questions added its generation-0 space on top (native build, 32
        // connections: peak 108-111 MiB), and an aggressive compaction two seconds later needed room
        // to copy into while answering. Collected at once, the peak is 90-94 MiB. Compaction is not
        // asked for, but the GC compacts when the load left the heap fragmented, as it does here
        // (50-80 ms of the start). A background collection instead started 45 ms sooner and peaked at
        // 96-98 MiB: the blocking one keeps the margin.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
