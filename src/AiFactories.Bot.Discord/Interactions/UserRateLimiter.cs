using System.Threading.RateLimiting;
using AiFactories.Bot.Discord.Models;
using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Discord.Interactions;

/// <summary>Per-user limits on commands and clicks (autocomplete is never limited), from the "RateLimit" section.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    public bool Enabled { get; set; } = true;

    /// <summary>Commands a user may run in a burst.</summary>
    public int Burst { get; set; } = 5;

    /// <summary>How many more a user earns each <see cref="PeriodSeconds"/>.</summary>
    public int PerPeriod { get; set; } = 1;

    public double PeriodSeconds { get; set; } = 3;
}

/// <summary>
/// A token bucket per user (System.Threading.RateLimiting): a user who sends a burst gets a polite
/// private "slow down" while everyone else is served as usual.
/// </summary>
public sealed class UserRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;
    private readonly RateLimitOptions _options;

    private readonly IInteractionTexts _texts;

    public UserRateLimiter(IOptions<RateLimitOptions> options, IInteractionTexts? texts = null)
    {
        _texts = texts ?? new EnglishInteractionTexts();
        _options = options.Value;
        if (_options.Enabled)
        {
            _limiter = PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.GetTokenBucketLimiter(user, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, _options.Burst),
                TokensPerPeriod = Math.Max(1, _options.PerPeriod),
                ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(0.01, _options.PeriodSeconds)),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        }
    }

    /// <summary>The "slow down" reply when the user is over the limit, or null to go on.</summary>
    public InteractionResponse? Check(Interaction interaction)
    {
        if (_limiter is null || interaction.Type is InteractionType.Ping or InteractionType.ApplicationCommandAutocomplete || interaction.Invoker?.Id is not { } user)
        {
            return null;
        }

        using var lease = _limiter.AttemptAcquire(user);
        if (lease.IsAcquired)
        {
            return null;
        }

        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : (int)Math.Ceiling(_options.PeriodSeconds);
        return InteractionResponse.Ephemeral(_texts.SlowDown(interaction.Locale, wait));
    }

    public void Dispose() => _limiter?.Dispose();
}
