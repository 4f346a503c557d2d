using Groundwork.Core.Import;

namespace Groundwork.Core.Tasks;

public interface ITaskStore
{
    /// <summary>
    /// Stores every task of the spool in one transaction: all or nothing. A task whose
    /// <c>unique_id</c> already exists in the project (or earlier in the same spool) is skipped.
    /// </summary>
    Task<ImportResult> ImportAsync(long projectId, long importedBy, TaskSpool spool, IProgress<long>? progress, CancellationToken cancellationToken);

    Task<TaskPage> ListAsync(TaskQuery query, CancellationToken cancellationToken);

    Task<LabelingTask?> GetAsync(long projectId, long taskId, CancellationToken cancellationToken);

    /// <summary>Cancels the task when the lifecycle allows it.</summary>
    Task<StoreOutcome<LabelingTask>> CancelAsync(long projectId, long taskId, CancellationToken cancellationToken);

    Task<long> CountAsync(long projectId, CancellationToken cancellationToken);
}
