using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;

namespace AiFactories.Bot.Answering;

/// <summary>SIGHUP makes a running bot reread its corpus (`kill -HUP &lt;pid&gt;`), the Unix way to ask for a reload.</summary>
internal sealed class ReloadSignal(KnowledgeProvider knowledge) : IHostedService, IDisposable
{
    private PosixSignalRegistration? _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsWindows())
        {
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                _ = Task.Run(knowledge.Reload);
            });
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _registration?.Dispose();
}
