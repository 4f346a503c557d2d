namespace Groundwork.Core.Export;

/// <summary>
/// Export jobs in the database, shared by every server process: the API creates, lists and deletes them;
/// workers claim one at a time (never the same one twice while a claim is live), report progress under the
/// claim (which renews its lease), and complete or release it. Completion records <c>export.finished</c>
/// in the same transaction, and only for the claim that holds the job.
/// </summary>
public interface IExportJobStore
{
    /// <summary>Queues a job (audited as <c>export.requested</c>).</summary>
    Task<ExportJob> CreateAsync(long projectId, string format, string annotations, long? createdBy, CancellationToken cancellationToken);

    /// <summary>A project's jobs, newest first, older than <paramref name="cursor"/> when given.</summary>
    Task<IReadOnlyList<ExportJob>> ListAsync(long projectId, long? cursor, int limit, CancellationToken cancellationToken);

    Task<ExportJob?> GetAsync(long projectId, long jobId, CancellationToken cancellationToken);

    /// <summary>Removes a job whatever its state (audited as <c>export.deleted</c>) and returns it as it was, or null when there was none.</summary>
    Task<ExportJob?> DeleteAsync(long projectId, long jobId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the oldest job that is queued, or running under an expired lease, for <paramref name="leaseUntil"/>;
    /// null when there is none. First fails (with <c>export.finished</c>) running jobs whose lease expired after
    /// <paramref name="maxAttempts"/> claims.
    /// </summary>
    Task<ExportJobClaim?> ClaimAsync(string workerId, DateTimeOffset leaseUntil, int maxAttempts, CancellationToken cancellationToken);

    /// <summary>Writes progress and renews the lease; false when the claim no longer holds the job (taken over or deleted).</summary>
    Task<bool> HeartbeatAsync(ExportJobClaim claim, long tasksWritten, long? tasksTotal, long bytes, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Ends the job with <paramref name="outcome"/> and records <c>export.finished</c>; null when the claim no longer holds it (nothing changes then).</summary>
    Task<ExportJob?> CompleteAsync(ExportJobClaim claim, ExportJobOutcome outcome, CancellationToken cancellationToken);

    /// <summary>Gives a claimed job back to the queue (a worker shutting down), without counting the attempt; false when the claim no longer holds it.</summary>
    Task<bool> ReleaseAsync(ExportJobClaim claim, CancellationToken cancellationToken);

    /// <summary>How many tasks an export of the project will read: all of them, or only those with a consensus.</summary>
    Task<long> CountTasksAsync(long projectId, bool consensusOnly, CancellationToken cancellationToken);
}
