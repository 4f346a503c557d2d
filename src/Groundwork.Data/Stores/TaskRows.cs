using Dapper;
using Groundwork.Core.Tasks;

namespace Groundwork.Data.Stores;

/// <summary>Reads of one task inside a write transaction, locking the row where the provider can.</summary>
internal static class TaskRows
{
    /// <summary>
    /// Reads the task for update. On PostgreSQL the row is locked (FOR UPDATE) until the transaction ends;
    /// on SQLite the write transaction already excludes every other writer.
    /// </summary>
    public static async Task<LabelingTask?> LockAsync(GroundworkDatabase db, WriteScope scope, long projectId, long taskId, CancellationToken cancellationToken)
    {
        var forUpdate = db.Provider == DatabaseProvider.Postgres ? " FOR UPDATE" : string.Empty;
        await using var reader = await scope.Connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Rows.TaskColumns(db)} FROM tasks WHERE project_id = @projectId AND id = @taskId{forUpdate}",
            new { projectId, taskId },
            scope.Transaction,
            cancellationToken: cancellationToken));
        return await reader.ReadAsync(cancellationToken) ? Rows.Task(reader) : null;
    }

    /// <summary>The overlap that applies to a task: its own when set, else the project's.</summary>
    public static async Task<int> EffectiveOverlapAsync(WriteScope scope, LabelingTask task, CancellationToken cancellationToken)
    {
        if (task.Overlap is { } own)
        {
            return own;
        }

        return await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT overlap FROM projects WHERE id = @ProjectId", new { task.ProjectId }, scope.Transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Stores a new annotation count and the status the lifecycle gives for it.</summary>
    public static Task SetCountAsync(WriteScope scope, LabelingTask task, int annotationCount, int overlap, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = TaskLifecycle.StatusFor(task.Status, annotationCount, overlap);
        return scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE tasks SET annotation_count = @annotationCount, status = @status, updated_at = @now WHERE id = @Id",
            new { annotationCount, status = status.ToName(), now, task.Id },
            scope.Transaction,
            cancellationToken: cancellationToken));
    }
}
