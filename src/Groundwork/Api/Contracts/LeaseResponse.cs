using Groundwork.Core.Queue;

namespace Groundwork.Api.Contracts;

public sealed record LeaseResponse(long LeaseId, long Task, string State, DateTimeOffset ExpiresAt)
{
    public static LeaseResponse From(TaskLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return new(lease.Id, lease.TaskId, lease.State.ToString().ToLowerInvariant(), lease.ExpiresAt);
    }
}
