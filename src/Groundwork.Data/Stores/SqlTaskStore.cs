using System.Text;
using Dapper;
using Groundwork.Core;
using Groundwork.Core.Import;
using Groundwork.Core.Tasks;
using Groundwork.Data.Providers;

namespace Groundwork.Data.Stores;

public sealed class SqlTaskStore(GroundworkDatabase db, TimeProvider clock) : ITaskStore
{
    private readonly ITaskImporter _importer = db is PostgresDatabase
        ? new PostgresTaskImporter(db, clock)
        : new SqliteTaskImporter(db, clock);

    public async Task<ImportResult> ImportAsync(long projectId, long importedBy, TaskSpool spool, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spool);
        int overlap;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            overlap = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
                "SELECT overlap FROM projects WHERE id = @projectId", new { projectId }, cancellationToken: cancellationToken))
                ?? throw new InvalidOperationException($"Project {projectId} does not exist.");
        }

        return await _importer.ImportAsync(projectId, overlap, importedBy, spool, progress, cancellationToken);
    }

    public async Task<TaskPage> ListAsync(TaskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, 1000);
        var sql = new StringBuilder($"SELECT {Rows.TaskColumns(db)} FROM tasks WHERE project_id = @ProjectId AND id > @AfterId");
        var parameters = new DynamicParameters(new { query.ProjectId, query.AfterId, Take = limit + 1 });
        if (query.Status is { } status)
        {
            sql.Append(" AND status = @Status");
            parameters.Add("Status", status.ToName());
        }

        if (query.Batch is not null)
        {
            sql.Append(" AND batch = @Batch");
            parameters.Add("Batch", query.Batch);
        }

        if (query.UniqueId is not null)
        {
            sql.Append(" AND unique_id = @UniqueId");
            parameters.Add("UniqueId", query.UniqueId);
        }

        if (query.HasAnnotations is { } hasAnnotations)
        {
            sql.Append(hasAnnotations ? " AND annotation_count > 0" : " AND annotation_count = 0");
        }

        sql.Append(" ORDER BY id LIMIT @Take");
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken));
        var items = new List<LabelingTask>(limit);
        long? next = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (items.Count == limit)
            {
                next = items[^1].Id;
                break;
            }

            items.Add(Rows.Task(reader));
        }

        return new TaskPage(items, next);
    }

    public async Task<LabelingTask?> GetAsync(long projectId, long taskId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Rows.TaskColumns(db)} FROM tasks WHERE project_id = @projectId AND id = @taskId",
            new { projectId, taskId },
            cancellationToken: cancellationToken));
        return await reader.ReadAsync(cancellationToken) ? Rows.Task(reader) : null;
    }

    public async Task<StoreOutcome<LabelingTask>> UpdateAsync(long projectId, long taskId, TaskSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var task = await TaskRows.LockAsync(db, scope, projectId, taskId, cancellationToken);
        if (task is null)
        {
            return StoreOutcome<LabelingTask>.NotFound($"task {taskId} does not exist in project {projectId}");
        }

        var own = settings.Overlap switch
        {
            null => task.Overlap,
            TaskSettings.UseProjectOverlap => null,
            var value => value,
        };
        var changed = task with { Priority = settings.Priority ?? task.Priority, Overlap = own, UpdatedAt = clock.GetUtcNow() };
        var overlap = await TaskRows.EffectiveOverlapAsync(scope, changed, cancellationToken);
        changed = changed with { Status = TaskLifecycle.StatusFor(task.Status, task.AnnotationCount, overlap) };
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE tasks SET priority = @Priority, overlap = @Overlap, status = @status, updated_at = @UpdatedAt WHERE id = @Id",
            new { changed.Priority, changed.Overlap, status = changed.Status.ToName(), changed.UpdatedAt, changed.Id },
            scope.Transaction,
            cancellationToken: cancellationToken));
        await scope.CommitAsync(cancellationToken);
        return StoreOutcome<LabelingTask>.Success(changed);
    }

    public async Task<StoreOutcome<LabelingTask>> CancelAsync(long projectId, long taskId, CancellationToken cancellationToken)
    {
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var task = await TaskRows.LockAsync(db, scope, projectId, taskId, cancellationToken);
        if (task is null)
        {
            return StoreOutcome<LabelingTask>.NotFound($"task {taskId} does not exist in project {projectId}");
        }

        var check = TaskLifecycle.CanCancel(task.Status);
        if (!check.IsAllowed)
        {
            return StoreOutcome<LabelingTask>.Conflict(check.Reason!);
        }

        var now = clock.GetUtcNow();
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE tasks SET status = @status, updated_at = @now WHERE id = @taskId",
            new { status = TaskStatusNames.Canceled, now, taskId },
            scope.Transaction,
            cancellationToken: cancellationToken));
        await scope.CommitAsync(cancellationToken);
        return StoreOutcome<LabelingTask>.Success(task with { Status = LabelingTaskStatus.Canceled, UpdatedAt = now });
    }

    public async Task<long> CountAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM tasks WHERE project_id = @projectId", new { projectId }, cancellationToken: cancellationToken));
    }
}
