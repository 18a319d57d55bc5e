using System.Runtime;
using AiFactories.Bot.Answering;
using AiFactories.Bot.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Tests.Reliability;

/// <summary>
/// The first load may run in a no-GC region (a one-shot command's always, a server's when the index is
/// kept): whichever way it ran, the region is over when the knowledge is handed out, and the load is the same.
/// The GC's latency mode is the process's, and other test classes load corpora in parallel (a kept index puts
/// their loads in a region too), so these run alone.
/// </summary>
[Collection(AloneInTheProcess.Name)]
public sealed class KnowledgeLoadTests
{
    private const string Question = "Who hosts the AI Factory in Stuttgart?";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheFirstLoadLeavesNoNoGCRegionBehindWithTheIndexBuiltOrKept(bool loadsOnce)
    {
        using var copy = new CorpusCopy();
        string? answer = null;
        foreach (var kept in new[] { false, true })
        {
            Assert.Equal(kept, Knowledge.KnowledgeBase.HasKeptIndex(copy.Root));
            using var provider = new KnowledgeProvider(Options.Create(new KnowledgeOptions { CorpusPath = copy.Root }), NullLogger<KnowledgeProvider>.Instance)
            {
                LoadsOnce = loadsOnce,
            };

            var knowledge = provider.Current;
            Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            Assert.Equal(kept, knowledge.Summary.IndexFromCache);
            var text = knowledge.Ask(Question).Text;
            Assert.Contains("Stuttgart", text, StringComparison.Ordinal);
            Assert.Equal(answer ?? text, text);
            answer = text;
        }
    }
}

/// <summary>Tests that read process-wide state (the GC's latency mode) run after the others, one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneInTheProcess
{
    public const string Name = "alone in the process";
}
