using Groundwork.Core.Events;

namespace Groundwork.Api.Contracts;

public sealed record AuditEventResponse(
    long Id,
    DateTimeOffset OccurredAt,
    long? ActorId,
    string? ActorAddress,
    long? ProjectId,
    string Action,
    string SubjectType,
    string? SubjectId,
    RawJson? Details)
{
    public static AuditEventResponse From(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Id, e.OccurredAt, e.ActorId, e.ActorAddress, e.ProjectId, e.Action, e.SubjectType, e.SubjectId, RawJson.From(e.DetailsJson));
    }
}
