namespace Groundwork.Core.Queue;

/// <summary>
/// Hands tasks to annotators under leases. A task's live leases plus its annotations never exceed its
/// overlap, and no task is handed to the same annotator twice. Submitting an annotation with a lease
/// ends it (see <see cref="Annotations.IAnnotationStore"/>).
/// </summary>
public interface IWorkQueue
{
    /// <summary>
    /// Gives the annotator a lease on the next task: their own live lease when they hold one, else a
    /// qualification task while they are not qualified, else (at the project's gold rate) a gold task,
    /// else the highest-priority task, started tasks first, then in import order.
    /// </summary>
    Task<NextTaskOutcome> NextAsync(Projects.Project project, long userId, CancellationToken cancellationToken);

    /// <summary>Extends a live lease by the project's lease time.</summary>
    Task<StoreOutcome<TaskLease>> HeartbeatAsync(long projectId, long leaseId, long userId, CancellationToken cancellationToken);

    /// <summary>Releases the task; the annotator is not offered it again.</summary>
    Task<StoreOutcome<TaskLease>> SkipAsync(long projectId, long leaseId, long userId, string? reason, CancellationToken cancellationToken);

    /// <summary>Ends every live lease whose expiry has passed and returns its task to the queue. Returns how many.</summary>
    Task<int> ExpireAsync(CancellationToken cancellationToken);

    /// <summary>The user's live lease on the task, if any.</summary>
    Task<TaskLease?> FindLiveLeaseAsync(long projectId, long taskId, long userId, CancellationToken cancellationToken);

    /// <summary>Whether the user was ever leased the task (annotators may read only such tasks).</summary>
    Task<bool> WasLeasedAsync(long projectId, long taskId, long userId, CancellationToken cancellationToken);

    /// <summary>Queue depth and live leases over every project, for metrics.</summary>
    Task<QueueGauges> GaugesAsync(CancellationToken cancellationToken);

    /// <summary>Pauses or resumes handing out the tasks of a batch.</summary>
    Task SetBatchPausedAsync(long projectId, string batch, bool paused, CancellationToken cancellationToken);

    /// <summary>Every batch of the project with its task counts and whether it is paused.</summary>
    Task<IReadOnlyList<BatchSummary>> ListBatchesAsync(long projectId, CancellationToken cancellationToken);
}
