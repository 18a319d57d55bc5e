using Microsoft.Extensions.Hosting;

namespace AiFactories.Bot.Answering;

/// <summary>Loads the corpus when the host starts, so a broken corpus stops the start and the first question is not slow.</summary>
internal sealed class KnowledgeWarmup(KnowledgeProvider knowledge) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = knowledge.Current;

        // The load ran without collections if it opened the kept index (KnowledgeProvider): then its
        // garbage and what it built are all in the youngest generation, and one full collection keeps
        // what was built, compacted, and gives the rest back. In the native build: 75-80 MiB resident
        // after it, against 84-86 when the load collected as it went, and the start 60-110 ms shorter;
        // while it copies, the process peaks at 96-97 MiB, the highest it goes under 32 connections
        // too (91 there). A load that built the index collected as it went: this collection then
        // takes its garbage, which the first second of questions would otherwise stack on.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
