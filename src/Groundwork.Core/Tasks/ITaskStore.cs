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

    /// <summary>
    /// Changes the task's priority and its own overlap (<see cref="TaskSettings.UseProjectOverlap"/> falls back to the
    /// project's); the status follows the lifecycle for the new overlap. Null leaves a field as it is.
    /// </summary>
    Task<StoreOutcome<LabelingTask>> UpdateAsync(long projectId, long taskId, TaskSettings settings, CancellationToken cancellationToken);

    /// <summary>Cancels the task when the lifecycle allows it.</summary>
    Task<StoreOutcome<LabelingTask>> CancelAsync(long projectId, long taskId, CancellationToken cancellationToken);

    Task<long> CountAsync(long projectId, CancellationToken cancellationToken);
}
