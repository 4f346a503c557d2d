namespace Groundwork.Core.Events;

/// <summary>Audit actions for changes that are not webhook events (those use <see cref="EventKinds"/> names).</summary>
public static class AuditActions
{
    public const string ProjectCreated = "project.created";
    public const string ProjectUpdated = "project.updated";
    public const string ProjectDeleted = "project.deleted";
    public const string MemberSet = "project.member_set";
    public const string MemberRemoved = "project.member_removed";
    public const string MemberReinstated = "project.member_reinstated";
    public const string TaskUpdated = "task.updated";
    public const string GoldSet = "task.gold_set";
    public const string BatchPaused = "batch.paused";
    public const string BatchResumed = "batch.resumed";
    public const string LeaseSkipped = "lease.skipped";
    public const string TasksImported = "tasks.imported";
    public const string TaskCanceled = "task.canceled";
    public const string UserCreated = "user.created";
    public const string ApiTokenCreated = "api_token.created";
    public const string ApiTokenRevoked = "api_token.revoked";
    public const string UserUpdated = "user.updated";
    public const string WebhookCreated = "webhook.created";
    public const string WebhookUpdated = "webhook.updated";
    public const string WebhookDeleted = "webhook.deleted";
    public const string WebhookSecretRotated = "webhook.secret_rotated";
    public const string CallbackSecretRotated = "callback.secret_rotated";
    public const string DeliveryRequeued = "webhook.delivery_requeued";
    public const string ExportRequested = "export.requested";
    public const string ExportDeleted = "export.deleted";
}
