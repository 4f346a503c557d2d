namespace Groundwork.Core.Events;

/// <summary>
/// A page of the audit log, newest first. <see cref="ProjectId"/> null means every project (org admins).
/// <see cref="BeforeId"/> is the cursor: only events with a smaller id.
/// </summary>
public sealed record AuditQuery(
    long? ProjectId,
    string? Action = null,
    long? ActorId = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    long? BeforeId = null,
    int Limit = 100);
