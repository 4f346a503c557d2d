namespace Groundwork.Core.Events;

/// <summary>
/// Subscriptions, their deliveries and attempts. Secrets are stored protected: the caller passes the
/// protected form in and gets it back to unprotect; the store never sees a secret in the clear.
/// Every change here is audited in its own transaction.
/// </summary>
public interface IWebhookStore
{
    Task<Webhook> CreateAsync(long projectId, WebhookDraft draft, string protectedSecret, long? createdBy, CancellationToken cancellationToken);

    Task<IReadOnlyList<Webhook>> ListAsync(long projectId, CancellationToken cancellationToken);

    Task<Webhook?> GetAsync(long projectId, long webhookId, CancellationToken cancellationToken);

    Task<Webhook?> UpdateAsync(long projectId, long webhookId, WebhookDraft draft, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(long projectId, long webhookId, CancellationToken cancellationToken);

    Task<bool> SetSecretAsync(long projectId, long webhookId, string protectedSecret, CancellationToken cancellationToken);

    /// <summary>The protected secret that signs deliveries: the subscription's, or (no webhook) the project's callback secret.</summary>
    Task<string?> GetProtectedSecretAsync(long projectId, long? webhookId, CancellationToken cancellationToken);

    /// <summary>Stores the project's callback secret unless one exists; returns the one that is stored.</summary>
    Task<string> EnsureCallbackSecretAsync(long projectId, string protectedSecret, CancellationToken cancellationToken);

    /// <summary>Replaces the project's callback secret.</summary>
    Task SetCallbackSecretAsync(long projectId, string protectedSecret, CancellationToken cancellationToken);

    /// <summary>Queues a ping to one subscription (whatever events it wants).</summary>
    Task<WebhookDelivery?> PingAsync(long projectId, long webhookId, CancellationToken cancellationToken);

    /// <summary>Deliveries newest first; <paramref name="webhookId"/> null lists the project's task callbacks.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(long projectId, long? webhookId, long? beforeId, int limit, CancellationToken cancellationToken);

    Task<WebhookDelivery?> GetDeliveryAsync(long projectId, long deliveryId, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeliveryAttempt>> ListAttemptsAsync(IReadOnlyCollection<long> deliveryIds, CancellationToken cancellationToken);

    /// <summary>Puts a delivery (pending, delivered or dead) back in the queue, due now, with a fresh retry window.</summary>
    Task<WebhookDelivery?> RedeliverAsync(long projectId, long deliveryId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="batchSize"/> due deliveries for <paramref name="claimedBy"/> until
    /// <paramref name="claimUntil"/>; a claim no other process holds (expired claims are taken over).
    /// </summary>
    Task<IReadOnlyList<WebhookDelivery>> ClaimDueAsync(string claimedBy, int batchSize, DateTimeOffset claimUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes up to <paramref name="max"/> delivered or dead deliveries (with their attempts) created before
    /// <paramref name="createdBefore"/>; pending ones are never deleted. Returns how many went.
    /// </summary>
    Task<int> PruneAsync(DateTimeOffset createdBefore, int max, CancellationToken cancellationToken);

    /// <summary>Logs an attempt and moves the delivery on: delivered, retried at <paramref name="nextAttemptAt"/>, or dead when that is null.</summary>
    Task RecordAttemptAsync(long deliveryId, string claimedBy, DeliveryOutcome outcome, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken);
}
