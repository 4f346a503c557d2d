namespace Groundwork.Core.Events;

/// <summary>Who did what to which thing, when, from where. Append-only.</summary>
public sealed record AuditEvent(
    long Id,
    DateTimeOffset OccurredAt,
    long? ActorId,
    string? ActorAddress,
    long? ProjectId,
    string Action,
    string SubjectType,
    string? SubjectId,
    string? DetailsJson);
