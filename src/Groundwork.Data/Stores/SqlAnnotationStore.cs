using System.Data.Common;
using Dapper;
using Groundwork.Core;
using Groundwork.Core.Annotations;
using Groundwork.Core.Queue;
using Groundwork.Core.Events;
using Groundwork.Core.Tasks;
using Groundwork.Data.Events;

namespace Groundwork.Data.Stores;

public sealed class SqlAnnotationStore(GroundworkDatabase db, TimeProvider clock) : IAnnotationStore
{
    private readonly ChangeJournal _journal = new(db, clock);

    public async Task<StoreOutcome<Annotation>> CreateAsync(
        long projectId, long taskId, long authorId, AnnotationDraft draft, AnnotationSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(submission);
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var row = await ReadForSubmitAsync(scope, projectId, taskId, authorId, cancellationToken);
        if (row is null)
        {
            return StoreOutcome<Annotation>.NotFound($"task {taskId} does not exist in project {projectId}");
        }

        var (task, gold, overlap, already, lease, newId, callbackUrl, createdWanted, completedWanted) = row;
        if (already is not null)
        {
            return StoreOutcome<Annotation>.Conflict($"you already annotated task {taskId} (annotation {already}); update that one instead");
        }

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
        var count = gold.Kind == GoldKind.None ? task.AnnotationCount + 1 : task.AnnotationCount;
        var status = gold.Kind == GoldKind.None ? TaskLifecycle.StatusFor(task.Status, count, overlap) : task.Status;

        if (gold.Kind != GoldKind.None)
        {
            await GoldAnswers.RecordAsync(scope, projectId, taskId, authorId, gold, draft.ResultJson, now, cancellationToken);
        }

        // The annotation, the end of the lease it was made under, the task's counters, the audit events and the
        // deliveries: one command, one round trip.
        var annotation = new Annotation(newId, taskId, projectId, authorId, draft.ResultJson, draft.LeadTime, AnnotationOrigins.Human, now, now);
        var batch = new SqlBatch();
        batch.Add(
            $"""
            INSERT INTO annotations (id, task_id, project_id, author_id, result, lead_time, origin, created_at, updated_at)
            VALUES (@id, @taskId, @projectId, @authorId, {db.JsonParameter("@result")}, @leadTime, @origin, @now, @now);
            UPDATE leases SET state = @submitted, ended_at = @now WHERE id = @leaseId;
            UPDATE tasks SET annotation_count = @count, lease_count = lease_count - @released, status = @status, updated_at = @now WHERE id = @taskId
            """,
            new
            {
                id = newId,
                taskId,
                projectId,
                authorId,
                result = draft.ResultJson,
                leadTime = draft.LeadTime,
                origin = AnnotationOrigins.Human,
                now,
                submitted = (int)LeaseState.Submitted,
                leaseId = holding ? lease!.Id : (long?)null,
                count,
                released = holding ? 1 : 0,
                status = status.ToName(),
            });
        _journal.AddRecord(batch, ChangeEvent.ForAnnotation(EventKinds.AnnotationCreated, annotation), deliver: createdWanted);
        var completes = status == LabelingTaskStatus.Completed && task.Status != LabelingTaskStatus.Completed;
        var completedPayload = completes && (callbackUrl is not null || completedWanted);
        if (completes && !completedPayload)
        {
            _journal.AddRecord(batch, ChangeEvent.ForTask(EventKinds.TaskCompleted, projectId, taskId), deliver: false);
        }

        await batch.ExecuteAsync(scope, cancellationToken);
        if (completedPayload)
        {
            // Someone listens: the payload carries the task with its annotations, read back in this transaction.
            await _journal.TaskCompletedAsync(scope, projectId, taskId, cancellationToken);
        }

        await scope.CommitAsync(cancellationToken);
        return StoreOutcome<Annotation>.Success(annotation);
    }

    /// <summary>In one read, under the task's row lock on PostgreSQL: everything <see cref="SubmitRow"/> holds.</summary>
    private async Task<SubmitRow?> ReadForSubmitAsync(WriteScope scope, long projectId, long taskId, long authorId, CancellationToken cancellationToken)
    {
        var forUpdate = db.Provider == DatabaseProvider.Postgres ? " FOR UPDATE OF t" : string.Empty;
        await using var reader = await scope.Connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            SELECT {Rows.TaskColumns(db, "t.")},
                   t.gold_kind, {db.JsonColumn("t.ground_truth")}, coalesce(t.overlap, p.overlap),
                   (SELECT a.id FROM annotations a WHERE a.task_id = t.id AND a.author_id = @authorId AND a.origin <> '{AnnotationOrigins.Imported}'),
                   l.id, l.project_id, l.task_id, l.user_id, l.state, l.created_at, l.expires_at,
                   {NextAnnotationId}, t.callback_url,
                   CASE WHEN EXISTS (SELECT 1 FROM webhooks w WHERE w.project_id = t.project_id AND w.active = @yes AND w.events LIKE @createdPattern) THEN 1 ELSE 0 END,
                   CASE WHEN EXISTS (SELECT 1 FROM webhooks w WHERE w.project_id = t.project_id AND w.active = @yes AND w.events LIKE @completedPattern) THEN 1 ELSE 0 END
            FROM tasks t
            JOIN projects p ON p.id = t.project_id
            LEFT JOIN leases l ON l.task_id = t.id AND l.user_id = @authorId
            WHERE t.project_id = @projectId AND t.id = @taskId{forUpdate}
            """,
            new
            {
                projectId,
                taskId,
                authorId,
                yes = true,
                createdPattern = ChangeJournal.Pattern(EventKinds.AnnotationCreated),
                completedPattern = ChangeJournal.Pattern(EventKinds.TaskCompleted),
            },
            scope.Transaction,
            cancellationToken: cancellationToken));
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        const int gold = 13;
        var task = Rows.Task(reader);
        var taskGold = new TaskGold((GoldKind)reader.GetInt32(gold), reader.IsDBNull(gold + 1) ? null : reader.GetString(gold + 1));
        var overlap = reader.GetInt32(gold + 2);
        long? already = reader.IsDBNull(gold + 3) ? null : reader.GetInt64(gold + 3);
        TaskLease? lease = reader.IsDBNull(gold + 4) ? null : new TaskLease(
            reader.GetInt64(gold + 4),
            reader.GetInt64(gold + 5),
            reader.GetInt64(gold + 6),
            reader.GetInt64(gold + 7),
            (LeaseState)reader.GetInt32(gold + 8),
            reader.GetFieldValue<DateTimeOffset>(gold + 9),
            reader.GetFieldValue<DateTimeOffset>(gold + 10));
        return new SubmitRow(
            task,
            taskGold,
            overlap,
            already,
            lease,
            reader.GetInt64(gold + 11),
            reader.IsDBNull(gold + 12) ? null : reader.GetString(gold + 12),
            reader.GetInt32(gold + 13) != 0,
            reader.GetInt32(gold + 14) != 0);
    }

    /// <summary>
    /// The id the new annotation will take, reserved in the locked read so that every statement of the submit (and the
    /// payloads built for it) can name it: PostgreSQL's identity sequence, or on SQLite, behind the one writer, the next rowid.
    /// </summary>
    private string NextAnnotationId => db.Provider == DatabaseProvider.Postgres
        ? "nextval(pg_get_serial_sequence('annotations', 'id'))"
        : "(SELECT coalesce(max(id), 0) + 1 FROM annotations)";

    /// <summary>
    /// What the submit reads under the task's lock: the task, its gold, the overlap that applies, the author's existing
    /// annotation and lease, the reserved annotation id, the task's callback and who subscribed to what it may emit.
    /// </summary>
    private sealed record SubmitRow(
        LabelingTask Task, TaskGold Gold, int Overlap, long? Already, TaskLease? Lease, long NewId, string? CallbackUrl, bool CreatedWanted, bool CompletedWanted);

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

        // A reviewed annotation is what the reviewer judged: changing it afterwards would change an accepted answer unseen.
        if (existing.ReviewState is { } reviewed)
        {
            return StoreOutcome<Annotation>.Conflict($"annotation {annotationId} was reviewed ({reviewed}) and can no longer be changed");
        }

        var now = clock.GetUtcNow();
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE annotations SET result = {db.JsonParameter("@result")}, lead_time = @leadTime, updated_at = @now WHERE id = @annotationId",
            new { result = draft.ResultJson, leadTime = draft.LeadTime, now, annotationId },
            scope.Transaction,
            cancellationToken: cancellationToken));
        var updated = existing with { ResultJson = draft.ResultJson, LeadTime = draft.LeadTime, UpdatedAt = now };
        await _journal.RecordAsync(scope, ChangeEvent.ForAnnotation(EventKinds.AnnotationUpdated, updated), cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return StoreOutcome<Annotation>.Success(updated);
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
            // A rejected annotation already left the count when it was rejected.
            var counted = existing.IsRejected ? task.AnnotationCount : Math.Max(0, task.AnnotationCount - 1);
            await TaskRows.SetCountAsync(scope, task, counted, overlap, clock.GetUtcNow(), cancellationToken);
        }

        await _journal.RecordAsync(scope, ChangeEvent.ForAnnotation(EventKinds.AnnotationDeleted, existing), cancellationToken);
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
