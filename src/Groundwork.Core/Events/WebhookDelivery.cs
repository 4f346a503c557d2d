namespace Groundwork.Core.Events;

/// <summary>
/// One outbox row: an event on its way to one receiver (a subscription, or a task's callback when
/// <see cref="WebhookId"/> is null). <see cref="PayloadJson"/> is the exact body that is signed and sent.
/// </summary>
public sealed record WebhookDelivery(
    long Id,
    long ProjectId,
    long? WebhookId,
    string TargetUrl,
    string Event,
    string PayloadJson,
    string State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    int? LastStatus,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RequeuedAt,
    DateTimeOffset? DeliveredAt)
{
    /// <summary>When the retry window started: the last redelivery, else creation.</summary>
    public DateTimeOffset QueuedAt => RequeuedAt ?? CreatedAt;
}
