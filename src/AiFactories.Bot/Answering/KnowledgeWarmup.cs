using Microsoft.Extensions.Hosting;

namespace AiFactories.Bot.Answering;

/// <summary>Loads the corpus when the host starts, so a broken corpus stops the start and the first question is not slow.</summary>
internal sealed class KnowledgeWarmup(KnowledgeProvider knowledge) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = knowledge.Current;
        KnowledgeProvider.CompactSoon();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
