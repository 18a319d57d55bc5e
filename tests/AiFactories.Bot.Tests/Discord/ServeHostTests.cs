using System.Collections.Concurrent;
using AiFactories.Bot.Hosting;
using AiFactories.Bot.Tests.Cli;
using AiFactories.Bot.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiFactories.Bot.Tests.Discord;

/// <summary>`serve` is one host with one copy of the corpus.</summary>
public sealed class ServeHostTests
{
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(Messages);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }

    [Fact]
    public async Task LoadsTheCorpusOnceAndStartsOnce()
    {
        var signer = new TestSigner();
        var logs = new CapturingLoggerProvider();
        var settings = new Dictionary<string, string?>
        {
            ["Knowledge:CorpusPath"] = CliRunner.Corpus,
            ["Discord:ApplicationId"] = "1100000000000000000",
            ["Discord:PublicKey"] = signer.PublicKeyHex,
            ["Logging:LogLevel:Default"] = "Information",
            ["Store:Enabled"] = "false",
        };
        await using var app = BotWebApplication.Create(settings, "http://127.0.0.1:0", services => services.AddSingleton<ILoggerProvider>(logs));
        await app.StartAsync();
        using var http = new HttpClient();
        var health = await http.GetStringAsync(app.Urls.First() + "/healthz");
        await app.StopAsync();

        Assert.Contains("\"status\":\"ok\"", health);
        Assert.Single(logs.Messages, m => m.StartsWith("Loaded corpus", StringComparison.Ordinal));
        Assert.Single(logs.Messages, m => m.StartsWith("Application started", StringComparison.Ordinal));
    }
}
