namespace Groundwork.Core.Queue;

/// <summary>One annotator's time-limited claim on one task.</summary>
public sealed record TaskLease(long Id, long ProjectId, long TaskId, long UserId, LeaseState State, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);
