namespace Groundwork.Core.Events;

/// <summary>One try at sending a delivery: the receiver's status code, or the error when there was none.</summary>
public sealed record DeliveryAttempt(
    long Id,
    long DeliveryId,
    int? StatusCode,
    string? Error,
    int DurationMs,
    DateTimeOffset AttemptedAt);
