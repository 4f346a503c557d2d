using System.Data.Common;
using Dapper;
using Groundwork.Core;
using Groundwork.Core.Annotations;
using Groundwork.Core.Queue;
using Groundwork.Core.Tasks;

namespace Groundwork.Data.Stores;

public sealed class SqlAnnotationStore(GroundworkDatabase db, TimeProvider clock) : IAnnotationStore
{
    public async Task<StoreOutcome<Annotation>> CreateAsync(
        long projectId, long taskId, long authorId, AnnotationDraft draft, AnnotationSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(submission);
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var task = await TaskRows.LockAsync(db, scope, projectId, taskId, cancellationToken);
        if (task is null)
        {
            return StoreOutcome<Annotation>.NotFound($"task {taskId} does not exist in project {projectId}");
        }

        var already = await scope.Connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"SELECT id FROM annotations WHERE task_id = @taskId AND author_id = @authorId AND origin <> '{AnnotationOrigins.Imported}'",
            new { taskId, authorId },
            scope.Transaction,
            cancellationToken: cancellationToken));
        if (already is not null)
        {
            return StoreOutcome<Annotation>.Conflict($"you already annotated task {taskId} (annotation {already}); update that one instead");
        }

        var lease = await LeaseRows.FindAsync(scope.Connection, scope.Transaction, taskId, authorId, cancellationToken);
        if (submission.LeaseId is { } leaseId && (lease is null || lease.Id != leaseId))
        {
            return StoreOutcome<Annotation>.Conflict($"lease {leaseId} is not your lease on task {taskId}");
        }

        // A live lease keeps its place in the overlap until it is swept, even a moment past its expiry.
        var holding = lease is { State: LeaseState.Live };
        if (!holding && (submission.LeaseRequired || submission.LeaseId is not null))
        {
            return StoreOutcome<Annotation>.Conflict(lease is null
                ? $"task {taskId} is not leased to you; ask for work with POST /api/v1/projects/{projectId}/next"
                : $"your lease on task {taskId} has ended ({lease.State.ToString().ToLowerInvariant()}); ask for the next task");
        }

        var gold = await TaskRows.GoldAsync(db, scope, taskId, cancellationToken);
        var overlap = await TaskRows.EffectiveOverlapAsync(scope, task, cancellationToken);
        if (gold.Kind == GoldKind.None)
        {
            var othersHolding = task.AnnotationCount + task.LeaseCount - (holding ? 1 : 0);
            var check = TaskLifecycle.CanAnnotate(task.Status, othersHolding, overlap);
            if (!check.IsAllowed)
            {
                return StoreOutcome<Annotation>.Conflict(othersHolding > task.AnnotationCount && task.AnnotationCount < overlap
                    ? $"the other places in task {taskId}'s overlap of {overlap} are leased to annotators working on it"
                    : check.Reason!);
            }
        }
        else if (task.Status == LabelingTaskStatus.Canceled)
        {
            return StoreOutcome<Annotation>.Conflict("the task is canceled");
        }

        var now = clock.GetUtcNow();
        var id = await scope.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"""
            INSERT INTO annotations (task_id, project_id, author_id, result, lead_time, origin, created_at, updated_at)
            VALUES (@taskId, @projectId, @authorId, {db.JsonParameter("@result")}, @leadTime, @origin, @now, @now)
            RETURNING id
            """,
            new { taskId, projectId, authorId, result = draft.ResultJson, leadTime = draft.LeadTime, origin = AnnotationOrigins.Human, now },
            scope.Transaction,
            cancellationToken: cancellationToken));
        if (holding)
        {
            await LeaseRows.EndAsync(scope, lease!, LeaseState.Submitted, now, null, cancellationToken);
        }

        if (gold.Kind == GoldKind.None)
        {
            await TaskRows.SetCountAsync(scope, task, task.AnnotationCount + 1, overlap, now, cancellationToken);
        }
        else
        {
            await GoldAnswers.RecordAsync(scope, projectId, taskId, authorId, gold, draft.ResultJson, now, cancellationToken);
        }

        await scope.CommitAsync(cancellationToken);
        return StoreOutcome<Annotation>.Success(new Annotation(id, taskId, projectId, authorId, draft.ResultJson, draft.LeadTime, AnnotationOrigins.Human, now, now));
    }

    public async Task<IReadOnlyList<Annotation>> ListForTaskAsync(long projectId, long taskId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Rows.AnnotationColumns(db)} FROM annotations WHERE project_id = @projectId AND task_id = @taskId ORDER BY id",
            new { projectId, taskId },
            cancellationToken: cancellationToken));
        var list = new List<Annotation>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Rows.Annotation(reader));
        }

        return list;
    }

    public async Task<Annotation?> GetAsync(long projectId, long annotationId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await ReadOneAsync(connection, null, projectId, annotationId, cancellationToken);
    }

    public async Task<StoreOutcome<Annotation>> UpdateAsync(long projectId, long annotationId, AnnotationDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var existing = await ReadOneAsync(scope.Connection, scope.Transaction, projectId, annotationId, cancellationToken);
        if (existing is null)
        {
            return StoreOutcome<Annotation>.NotFound($"annotation {annotationId} does not exist in project {projectId}");
        }

        var now = clock.GetUtcNow();
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE annotations SET result = {db.JsonParameter("@result")}, lead_time = @leadTime, updated_at = @now WHERE id = @annotationId",
            new { result = draft.ResultJson, leadTime = draft.LeadTime, now, annotationId },
            scope.Transaction,
            cancellationToken: cancellationToken));
        await scope.CommitAsync(cancellationToken);
        return StoreOutcome<Annotation>.Success(existing with { ResultJson = draft.ResultJson, LeadTime = draft.LeadTime, UpdatedAt = now });
    }

    public async Task<StoreOutcome<Annotation>> DeleteAsync(long projectId, long annotationId, CancellationToken cancellationToken)
    {
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var existing = await ReadOneAsync(scope.Connection, scope.Transaction, projectId, annotationId, cancellationToken);
        if (existing is null)
        {
            return StoreOutcome<Annotation>.NotFound($"annotation {annotationId} does not exist in project {projectId}");
        }

        var task = await TaskRows.LockAsync(db, scope, projectId, existing.TaskId, cancellationToken);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM annotations WHERE id = @annotationId", new { annotationId }, scope.Transaction, cancellationToken: cancellationToken));
        if (task is not null)
        {
            var overlap = await TaskRows.EffectiveOverlapAsync(scope, task, cancellationToken);
            await TaskRows.SetCountAsync(scope, task, Math.Max(0, task.AnnotationCount - 1), overlap, clock.GetUtcNow(), cancellationToken);
        }

        await scope.CommitAsync(cancellationToken);
        return StoreOutcome<Annotation>.Success(existing);
    }

    private async Task<Annotation?> ReadOneAsync(DbConnection connection, DbTransaction? transaction, long projectId, long annotationId, CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Rows.AnnotationColumns(db)} FROM annotations WHERE project_id = @projectId AND id = @annotationId",
            new { projectId, annotationId },
            transaction,
            cancellationToken: cancellationToken));
        return await reader.ReadAsync(cancellationToken) ? Rows.Annotation(reader) : null;
    }
}
