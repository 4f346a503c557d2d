using System.ComponentModel.DataAnnotations;
using Groundwork.Core.Events;

namespace Groundwork.Webhooks;

/// <summary>How the outbox is delivered. Bound from <c>Groundwork:Webhooks</c>; checked at start.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Groundwork:Webhooks";

    /// <summary>Run the dispatcher in this process (default true). Turn off on processes that should only serve the API.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often to look for due deliveries when the last look found less than a full batch.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries claimed per look.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Deliveries sent at once by this process.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 8;

    /// <summary>How long a receiver has to answer.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The back-off after the first failure; it doubles per attempt.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest back-off.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after it was queued (or redelivered) a failing delivery is retried before it is dead.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Whether deliveries may go to loopback, private and link-local addresses (default false): turn it on when
    /// receivers live on your own network. Checked on every connection, after DNS, so a name cannot be re-pointed.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How long delivered and dead deliveries (and their attempt logs) are kept; pending ones always are.</summary>
    public TimeSpan RetainFor { get; set; } = TimeSpan.FromDays(30);

    public RetrySchedule Schedule => new(InitialRetryDelay, MaxRetryDelay, MaxAge);

    /// <summary>How long a claimed batch stays reserved to this process: long enough to send it, short enough to be retaken after a crash.</summary>
    public TimeSpan ClaimDuration => (Timeout * 2) + TimeSpan.FromSeconds(30);

    /// <summary>Null when the settings make sense together, else what is wrong.</summary>
    public string? Check()
    {
        if (PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromHours(1))
        {
            return "Groundwork:Webhooks:PollInterval must be between 0 and 1 hour";
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5))
        {
            return "Groundwork:Webhooks:Timeout must be between 0 and 5 minutes";
        }

        if (InitialRetryDelay <= TimeSpan.Zero || MaxRetryDelay < InitialRetryDelay)
        {
            return "Groundwork:Webhooks:InitialRetryDelay must be positive and at most MaxRetryDelay";
        }

        if (RetainFor < MaxAge)
        {
            return "Groundwork:Webhooks:RetainFor must be at least MaxAge";
        }

        return MaxAge <= TimeSpan.Zero ? "Groundwork:Webhooks:MaxAge must be positive" : null;
    }
}
