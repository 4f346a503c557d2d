namespace Groundwork.Core.Queue;

/// <summary>Where a lease is in its life. Only <see cref="Live"/> leases (not yet expired) hold a place in a task's overlap.</summary>
public enum LeaseState
{
    Live = 0,
    Submitted = 1,
    Skipped = 2,
    Expired = 3,
}
