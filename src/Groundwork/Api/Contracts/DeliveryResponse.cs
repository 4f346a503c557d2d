using Groundwork.Core.Events;

namespace Groundwork.Api.Contracts;

/// <summary>One delivery with its attempt log (oldest first). <see cref="Payload"/> is the exact body sent.</summary>
public sealed record DeliveryResponse(
    long Id,
    long? WebhookId,
    string Event,
    string TargetUrl,
    string State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    int? LastStatus,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RequeuedAt,
    DateTimeOffset? DeliveredAt,
    RawJson Payload,
    IReadOnlyList<DeliveryAttemptResponse> AttemptLog)
{
    public static DeliveryResponse From(WebhookDelivery d, IEnumerable<DeliveryAttempt> attempts)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(
            d.Id, d.WebhookId, d.Event, d.TargetUrl, d.State, d.Attempts, d.NextAttemptAt, d.LastStatus, d.LastError, d.CreatedAt, d.RequeuedAt, d.DeliveredAt,
            new RawJson(d.PayloadJson), attempts.Select(DeliveryAttemptResponse.From).ToList());
    }
}
