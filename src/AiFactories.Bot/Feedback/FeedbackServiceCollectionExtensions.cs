using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Feedback;

public static class FeedbackServiceCollectionExtensions
{
    /// <summary>
    /// The feedback store (options bound from "Store" and validated at start; PostgreSQL when
    /// Store:ConnectionString is set, the SQLite file otherwise) and its writer, which is both the
    /// <see cref="IFeedbackSink"/> the answering code records into and a hosted service. The hosts
    /// of `serve` and `gateway` call this; one-shot commands use <see cref="FeedbackStores.OpenAsync"/>.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration, with the "Store" section.</param>
    /// <param name="write">Whether the writer runs as a hosted service: false for a one-shot host
    /// that only needs the command declarations (`register`), so it touches no store.</param>
    public static IServiceCollection AddFeedbackStore(this IServiceCollection services, IConfiguration configuration, bool write = true)
    {
        services.AddOptions<StoreOptions>()
            .Bind(configuration.GetSection(StoreOptions.Section))
            .PostConfigure<IServiceProvider>((options, provider) => options.BaseDirectory ??= provider.GetService<IHostEnvironment>()?.ContentRootPath)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IFeedbackStore>(provider => FeedbackStores.CreateOrUnusable(provider.GetRequiredService<IOptions<StoreOptions>>().Value));
        services.AddSingleton<FeedbackWriter>();
        services.AddSingleton<IFeedbackSink>(provider => provider.GetRequiredService<FeedbackWriter>());
        if (write)
        {
            services.AddHostedService(provider => provider.GetRequiredService<FeedbackWriter>());
        }

        return services;
    }
}

/// <summary>Stores made from settings, for the host and for one-shot commands (gaps, stats, feedback export).</summary>
public static class FeedbackStores
{
    /// <summary>PostgreSQL when a connection string is set, the SQLite file otherwise; nothing is opened yet.</summary>
    /// <exception cref="FeedbackStoreException">The settings name no usable store.</exception>
    public static IFeedbackStore Create(StoreOptions options) =>
        options.UsesPostgres ? new PostgresFeedbackStore(options.ConnectionString!) : new SqliteFeedbackStore(options.ResolvePath());

    /// <summary>The store of these settings, opened (created or migrated) and ready to read.</summary>
    /// <exception cref="FeedbackStoreException">The store cannot be used; the message says why in one line.</exception>
    public static async Task<IFeedbackStore> OpenAsync(StoreOptions options, CancellationToken cancellationToken)
    {
        var store = Create(options);
        try
        {
            await store.OpenAsync(cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>For the host: settings that name no usable store give a store that says so when opened, rather than a host that cannot start.</summary>
    internal static IFeedbackStore CreateOrUnusable(StoreOptions options)
    {
        try
        {
            return Create(options);
        }
        catch (FeedbackStoreException e)
        {
            return new UnusableStore(e);
        }
    }

    private sealed class UnusableStore(FeedbackStoreException problem) : IFeedbackStore
    {
        public string Name => "none";

        public Task OpenAsync(CancellationToken cancellationToken) => Task.FromException(problem);

        public Task WriteAsync(IReadOnlyList<AnswerEvent> answers, IReadOnlyList<VoteEvent> votes, CancellationToken cancellationToken) => Task.FromException(problem);

        public Task<int> DeleteBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken) => Task.FromException<int>(problem);

        public Task<IReadOnlyList<UnansweredRow>> UnansweredAsync(DateTimeOffset since, CancellationToken cancellationToken) => Task.FromException<IReadOnlyList<UnansweredRow>>(problem);

        public Task<IReadOnlyList<DownvotedRow>> DownvotedAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken) => Task.FromException<IReadOnlyList<DownvotedRow>>(problem);

        public Task<StatsRows> StatsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) => Task.FromException<StatsRows>(problem);

        public Task<(IReadOnlyList<AnswerEvent> Answers, IReadOnlyList<VoteEvent> Votes)> ExportAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
            Task.FromException<(IReadOnlyList<AnswerEvent>, IReadOnlyList<VoteEvent>)>(problem);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
