namespace Groundwork.Api.Contracts;

/// <summary>Audit events newest first; pass <see cref="NextCursor"/> as <c>cursor</c> for older ones (null on the last page).</summary>
public sealed record AuditPageResponse(IReadOnlyList<AuditEventResponse> Items, long? NextCursor);
