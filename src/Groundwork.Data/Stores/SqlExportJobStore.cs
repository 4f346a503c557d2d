using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using Groundwork.Core.Events;
using Groundwork.Core.Export;
using Groundwork.Data.Events;

namespace Groundwork.Data.Stores;

/// <summary>
/// Export jobs. Claims are the multi-process part: PostgreSQL takes the oldest claimable row with
/// <c>FOR UPDATE SKIP LOCKED</c>, so processes never wait on or take each other's jobs; SQLite claims with one
/// <c>UPDATE ... RETURNING</c> inside its single-writer transaction. Every step after the claim is an UPDATE
/// guarded by the claim's token, so a worker that lost its job (lease expired and taken over, or the job
/// deleted) changes nothing, and <c>export.finished</c> is recorded once, with the completion that won.
/// </summary>
public sealed class SqlExportJobStore(GroundworkDatabase db, TimeProvider clock) : IExportJobStore
{
    private const string Columns =
        "id, project_id, format, annotations, state, tasks_written, tasks_total, bytes, file_name, content_type, blob_key, error, attempts, created_by, created_at, started_at, finished_at";

    private const int MaxErrorLength = 1000;
    // SQLite matches parameter names case-sensitively: every parameter below is spelt as in its SQL.
    private const string ClaimableSql = "(state = 'queued' OR (state = 'running' AND claimed_until <= @now)) AND attempts < @maxAttempts";
    private readonly ChangeJournal _journal = new(db, clock);

    public async Task<ExportJob> CreateAsync(long projectId, string format, string annotations, long? createdBy, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        ExportJob job;
        await using (var reader = await scope.Connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            INSERT INTO export_jobs (project_id, format, annotations, state, created_by, created_at)
            VALUES (@projectId, @format, @annotations, 'queued', @createdBy, @now)
            RETURNING {Columns}
            """,
            new { projectId, format, annotations, createdBy, now },
            scope.Transaction,
            cancellationToken: cancellationToken)))
        {
            job = (await ReadAsync(reader, cancellationToken)).Single();
        }

        await _journal.RecordAsync(scope, new ChangeEvent(AuditActions.ExportRequested, projectId, "export", Text(job.Id), EventPayloads.Details(("format", format), ("annotations", annotations))), cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return job;
    }

    public async Task<IReadOnlyList<ExportJob>> ListAsync(long projectId, long? cursor, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Columns} FROM export_jobs WHERE project_id = @projectId AND id < @before ORDER BY id DESC LIMIT @limit",
            new { projectId, before = cursor ?? long.MaxValue, limit },
            cancellationToken: cancellationToken));
        return await ReadAsync(reader, cancellationToken);
    }

    public async Task<ExportJob?> GetAsync(long projectId, long jobId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Columns} FROM export_jobs WHERE project_id = @projectId AND id = @jobId",
            new { projectId, jobId },
            cancellationToken: cancellationToken));
        return (await ReadAsync(reader, cancellationToken)).SingleOrDefault();
    }

    public async Task<ExportJob?> DeleteAsync(long projectId, long jobId, CancellationToken cancellationToken)
    {
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        ExportJob? job;
        await using (var reader = await scope.Connection.ExecuteReaderAsync(new CommandDefinition(
            $"DELETE FROM export_jobs WHERE project_id = @projectId AND id = @jobId RETURNING {Columns}",
            new { projectId, jobId },
            scope.Transaction,
            cancellationToken: cancellationToken)))
        {
            job = (await ReadAsync(reader, cancellationToken)).SingleOrDefault();
        }

        if (job is null)
        {
            return null;
        }

        await _journal.RecordAsync(scope, new ChangeEvent(AuditActions.ExportDeleted, projectId, "export", Text(jobId), EventPayloads.Details(("format", job.Format), ("state", job.State))), cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return job;
    }

    public async Task<ExportJobClaim?> ClaimAsync(string workerId, DateTimeOffset leaseUntil, int maxAttempts, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        var now = clock.GetUtcNow();

        // A plain read first: an idle queue costs one indexed lookup, never a write transaction
        // (on SQLite that would queue behind a long import for nothing).
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            var due = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT id FROM export_jobs WHERE state IN ('queued', 'running') AND (state = 'queued' OR claimed_until <= @now) LIMIT 1",
                new { now },
                cancellationToken: cancellationToken));
            if (due is null)
            {
                return null;
            }
        }

        var token = workerId + "#" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        await FailExhaustedAsync(scope, now, maxAttempts, cancellationToken);
        var sql = db.Provider == DatabaseProvider.Postgres
            ? $"""
              WITH next AS (
                  SELECT id FROM export_jobs WHERE {ClaimableSql}
                  ORDER BY id LIMIT 1
                  FOR UPDATE SKIP LOCKED)
              UPDATE export_jobs j
              SET state = 'running', claimed_by = @token, claimed_until = @leaseUntil, attempts = j.attempts + 1, started_at = @now,
                  tasks_written = 0, tasks_total = NULL, bytes = 0, error = NULL
              FROM next WHERE j.id = next.id
              RETURNING {Prefixed("j.")}
              """
            : $"""
              UPDATE export_jobs
              SET state = 'running', claimed_by = @token, claimed_until = @leaseUntil, attempts = attempts + 1, started_at = @now,
                  tasks_written = 0, tasks_total = NULL, bytes = 0, error = NULL
              WHERE id = (SELECT id FROM export_jobs WHERE {ClaimableSql} ORDER BY id LIMIT 1)
              RETURNING {Columns}
              """;
        ExportJob? job;
        await using (var reader = await scope.Connection.ExecuteReaderAsync(new CommandDefinition(
            sql, new { now, maxAttempts, token, leaseUntil }, scope.Transaction, cancellationToken: cancellationToken)))
        {
            job = (await ReadAsync(reader, cancellationToken)).SingleOrDefault();
        }

        await scope.CommitAsync(cancellationToken);
        return job is null ? null : new ExportJobClaim(job, token);
    }

    public async Task<bool> HeartbeatAsync(ExportJobClaim claim, long tasksWritten, long? tasksTotal, long bytes, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var changed = await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE export_jobs SET tasks_written = @tasksWritten, tasks_total = @tasksTotal, bytes = @bytes, claimed_until = @leaseUntil
            WHERE id = @id AND claimed_by = @token AND state = 'running'
            """,
            new { id = claim.Job.Id, token = claim.Token, tasksWritten, tasksTotal, bytes, leaseUntil },
            scope.Transaction,
            cancellationToken: cancellationToken));
        await scope.CommitAsync(cancellationToken);
        return changed == 1;
    }

    public async Task<ExportJob?> CompleteAsync(ExportJobClaim claim, ExportJobOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(outcome);
        var now = clock.GetUtcNow();
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        ExportJob? job;
        await using (var reader = await scope.Connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            UPDATE export_jobs
            SET state = @state, tasks_written = @tasks, tasks_total = CASE WHEN @succeeded THEN @tasks ELSE tasks_total END, bytes = @bytes,
                blob_key = @blobKey, file_name = @fileName, content_type = @contentType, error = @error,
                finished_at = @now, claimed_by = NULL, claimed_until = NULL
            WHERE id = @id AND claimed_by = @token AND state = 'running'
            RETURNING {Columns}
            """,
            new
            {
                id = claim.Job.Id,
                token = claim.Token,
                state = outcome.Succeeded ? ExportJobStates.Succeeded : ExportJobStates.Failed,
                succeeded = outcome.Succeeded,
                tasks = outcome.Tasks,
                bytes = outcome.Bytes,
                blobKey = outcome.BlobKey,
                fileName = outcome.FileName,
                contentType = outcome.ContentType,
                error = Trim(outcome.Error),
                now,
            },
            scope.Transaction,
            cancellationToken: cancellationToken)))
        {
            job = (await ReadAsync(reader, cancellationToken)).SingleOrDefault();
        }

        if (job is null)
        {
            return null;
        }

        await RecordFinishedAsync(scope, job, cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return job;
    }

    public async Task<bool> ReleaseAsync(ExportJobClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var changed = await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE export_jobs
            SET state = 'queued', claimed_by = NULL, claimed_until = NULL, attempts = attempts - 1, started_at = NULL, tasks_written = 0, bytes = 0
            WHERE id = @id AND claimed_by = @token AND state = 'running'
            """,
            new { id = claim.Job.Id, token = claim.Token },
            scope.Transaction,
            cancellationToken: cancellationToken));
        await scope.CommitAsync(cancellationToken);
        return changed == 1;
    }

    public async Task<long> CountTasksAsync(long projectId, bool consensusOnly, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            consensusOnly
                ? "SELECT count(*) FROM tasks t JOIN consensus c ON c.task_id = t.id WHERE t.project_id = @projectId"
                : "SELECT count(*) FROM tasks WHERE project_id = @projectId",
            new { projectId },
            cancellationToken: cancellationToken));
    }

    /// <summary>Running jobs whose lease expired after their last allowed attempt: failed, each with its <c>export.finished</c>.</summary>
    private async Task FailExhaustedAsync(WriteScope scope, DateTimeOffset now, int maxAttempts, CancellationToken cancellationToken)
    {
        var error = string.Create(CultureInfo.InvariantCulture, $"the export was started {maxAttempts} time(s) and its worker stopped each time before finishing");
        IReadOnlyList<ExportJob> failed;
        await using (var reader = await scope.Connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            UPDATE export_jobs SET state = 'failed', error = @error, finished_at = @now, claimed_by = NULL, claimed_until = NULL
            WHERE state = 'running' AND claimed_until <= @now AND attempts >= @maxAttempts
            RETURNING {Columns}
            """,
            new { error, now, maxAttempts },
            scope.Transaction,
            cancellationToken: cancellationToken)))
        {
            failed = await ReadAsync(reader, cancellationToken);
        }

        foreach (var job in failed)
        {
            await RecordFinishedAsync(scope, job, cancellationToken);
        }
    }

    private async Task RecordFinishedAsync(WriteScope scope, ExportJob job, CancellationToken cancellationToken)
    {
        // Background work: the event names the user who asked for the export as its actor.
        using var actor = ActorScope.Begin(new Actor(job.CreatedBy, null));
        await _journal.RecordAsync(
            scope,
            new ChangeEvent(
                EventKinds.ExportFinished,
                job.ProjectId,
                "export",
                Text(job.Id),
                EventPayloads.Details(("format", job.Format), ("state", job.State), ("tasks", job.TasksWritten), ("bytes", job.Bytes)),
                ExportJobPayload.Finished(job)),
            cancellationToken);
    }

    private static string Prefixed(string prefix) => string.Join(", ", Columns.Split(", ").Select(c => prefix + c));

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string? Trim(string? error) => error is { Length: > MaxErrorLength } ? error[..MaxErrorLength] : error;

    private static async Task<IReadOnlyList<ExportJob>> ReadAsync(DbDataReader r, CancellationToken cancellationToken)
    {
        var jobs = new List<ExportJob>();
        while (await r.ReadAsync(cancellationToken))
        {
            jobs.Add(new ExportJob(
                r.GetInt64(0),
                r.GetInt64(1),
                r.GetString(2),
                r.GetString(3),
                r.GetString(4),
                r.GetInt64(5),
                r.IsDBNull(6) ? null : r.GetInt64(6),
                r.GetInt64(7),
                r.IsDBNull(8) ? null : r.GetString(8),
                r.IsDBNull(9) ? null : r.GetString(9),
                r.IsDBNull(10) ? null : r.GetString(10),
                r.IsDBNull(11) ? null : r.GetString(11),
                r.GetInt32(12),
                r.IsDBNull(13) ? null : r.GetInt64(13),
                r.GetFieldValue<DateTimeOffset>(14),
                r.IsDBNull(15) ? null : r.GetFieldValue<DateTimeOffset>(15),
                r.IsDBNull(16) ? null : r.GetFieldValue<DateTimeOffset>(16)));
        }

        return jobs;
    }
}
