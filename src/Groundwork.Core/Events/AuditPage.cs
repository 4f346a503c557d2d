namespace Groundwork.Core.Events;

/// <summary>One page of audit events; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEvent> Items, long? NextCursor);
