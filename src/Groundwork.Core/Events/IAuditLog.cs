namespace Groundwork.Core.Events;

/// <summary>Reads the audit log. It is written only inside the transactions of the changes it records.</summary>
public interface IAuditLog
{
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken);
}
