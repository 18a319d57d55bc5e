using Microsoft.Extensions.Hosting;

namespace AiFactories.Bot.Answering;

/// <summary>Loads the corpus when the host starts, so a broken corpus stops the start and the first question is not slow.</summary>
internal sealed class KnowledgeWarmup(KnowledgeProvider knowledge) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = knowledge.Current;

        // The load ran without collections when it opened the kept index (KnowledgeProvider): its
        // garbage and what it built are all in the youngest generation. One full collection before the server reports ready keeps what
        // was built, compacted into the oldest generation, and gives the rest back. In the native
        // build: 75 MiB resident after it, against 84-86 when the load collected as it went, and the
        // start 60-80 ms shorter; while it copies, the process peaks at 97-98 MiB, which is the
        // highest it goes under 32 connections too (91 there). Without this collection the first
        // second of questions added its generation-0 space on top of the load's garbage.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
