using System.Data.Common;
using Dapper;
using Groundwork.Core;
using Groundwork.Core.Events;
using Groundwork.Core.Export;
using Groundwork.Core.Projects;
using Groundwork.Core.Queue;
using Groundwork.Core.Tasks;
using Groundwork.Data.Events;

namespace Groundwork.Data.Stores;

/// <summary>
/// The queue in SQL. Each call is one write transaction. On PostgreSQL the candidate task is taken
/// with <c>FOR UPDATE SKIP LOCKED</c>, so any number of server processes can share one database:
/// two annotators never wait for the same row, and the row's counters are re-checked under the lock.
/// On SQLite the write transaction already excludes every other writer.
/// </summary>
public sealed class SqlWorkQueue(GroundworkDatabase db, TimeProvider clock, IGoldDraw goldDraw) : IWorkQueue
{
    private readonly ChangeJournal _journal = new(db, clock);

    private const string Live = "state = 0";

    /// <summary>
    /// Appended to the pick's NOT EXISTS subqueries: on PostgreSQL, OFFSET 0 keeps each one a per-row probe of its unique
    /// (task, user) index, instead of an anti-join that the planner may turn into a scan of the ever-growing leases and
    /// annotations tables; SQLite always probes per row.
    /// </summary>
    private string Probe => db.Provider == DatabaseProvider.Postgres ? " OFFSET 0" : string.Empty;

    public async Task<NextTaskOutcome> NextAsync(Project project, long userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var projectId = project.Id;
        var now = clock.GetUtcNow();

        // One read first, outside the write transaction (on SQLite it runs beside the one writer, not behind it):
        // the caller's membership state, whether any lease of the project is past its expiry, and the caller's live lease.
        MemberState member;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            member = await ReadMemberStateAsync(connection, projectId, userId, now, cancellationToken);
        }

        if (!member.IsMember)
        {
            return NextTaskOutcome.Paused("you are not a member of this project; a manager adds annotators under /members");
        }

        if (member.PausedReason is { } paused)
        {
            return NextTaskOutcome.Paused(paused);
        }

        TaskLease? lease;
        if (member.HeldLeaseId is { } heldId)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            lease = await ReadLeaseAsync(connection, heldId, cancellationToken);
        }
        else if (db.Provider == DatabaseProvider.Postgres && !member.LeasesDue && project.Queue.GoldRate <= 0
                 && (project.Queue.QualificationPassMark is null || member.Qualified))
        {
            return await LeaseInOneStatementAsync(project, userId, now, cancellationToken);
        }
        else
        {
            await using var scope = await db.BeginWriteAsync(cancellationToken);
            if (member.LeasesDue)
            {
                await LeaseRows.ExpireDueAsync(db, scope, projectId, now, cancellationToken);
            }

            var pick = await PickAsync(scope, project, userId, member, now, cancellationToken);
            if (pick?.Paused is { } reason)
            {
                await scope.CommitAsync(cancellationToken);
                return NextTaskOutcome.Paused(reason);
            }

            if (pick is null)
            {
                await scope.CommitAsync(cancellationToken);
                return NextTaskOutcome.Nothing;
            }

            var granted = await LeaseAsync(scope, projectId, pick.Id, userId, now, now + project.Queue.LeaseTime, cancellationToken);
            await scope.CommitAsync(cancellationToken);
            return granted is null ? NextTaskOutcome.Nothing : NextTaskOutcome.Granted(granted);
        }

        if (lease is null)
        {
            return NextTaskOutcome.Nothing;
        }

        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            var (task, predictions) = await ReadTaskWithPredictionsAsync(connection, projectId, lease.TaskId, cancellationToken);
            return task is null ? NextTaskOutcome.Nothing : NextTaskOutcome.Granted(new LeasedTask(lease, task, predictions));
        }
    }

    public async Task<StoreOutcome<TaskLease>> HeartbeatAsync(long projectId, long leaseId, long userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var lease = await LeaseRows.GetAsync(db, scope, projectId, leaseId, cancellationToken);
        var refusal = Refusal(lease, leaseId, userId, now);
        if (refusal is not null)
        {
            return StoreOutcome<TaskLease>.Conflict(refusal);
        }

        var leaseSeconds = await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT lease_seconds FROM projects WHERE id = @projectId", new { projectId }, scope.Transaction, cancellationToken: cancellationToken));
        var expiresAt = now + TimeSpan.FromSeconds(leaseSeconds);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE leases SET expires_at = @expiresAt WHERE id = @leaseId", new { expiresAt, leaseId }, scope.Transaction, cancellationToken: cancellationToken));
        await scope.CommitAsync(cancellationToken);
        return StoreOutcome<TaskLease>.Success(lease! with { ExpiresAt = expiresAt });
    }

    public async Task<StoreOutcome<TaskLease>> SkipAsync(long projectId, long leaseId, long userId, string? reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var peek = await scope.Connection.QueryFirstOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT task_id FROM leases WHERE id = @leaseId AND project_id = @projectId", new { leaseId, projectId }, scope.Transaction, cancellationToken: cancellationToken));
        if (peek is { } taskId)
        {
            await TaskRows.LockAsync(db, scope, projectId, taskId, cancellationToken);
        }

        var lease = await LeaseRows.GetAsync(db, scope, projectId, leaseId, cancellationToken);
        var refusal = Refusal(lease, leaseId, userId, now: null);
        if (refusal is not null)
        {
            return StoreOutcome<TaskLease>.Conflict(refusal);
        }

        await LeaseRows.EndAsync(scope, lease!, LeaseState.Skipped, now, reason, cancellationToken);
        await _journal.RecordAsync(
            scope,
            new ChangeEvent(AuditActions.LeaseSkipped, projectId, "lease", leaseId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                EventPayloads.Details(("task_id", lease!.TaskId), ("reason", reason))),
            cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return StoreOutcome<TaskLease>.Success(lease! with { State = LeaseState.Skipped });
    }

    public async Task<int> ExpireAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            var due = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                $"SELECT id FROM leases WHERE {Live} AND expires_at <= @now LIMIT 1", new { now }, cancellationToken: cancellationToken));
            if (due is null)
            {
                return 0;
            }
        }

        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var expired = await LeaseRows.ExpireDueAsync(db, scope, projectId: null, now, cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return expired;
    }

    public async Task<TaskLease?> FindLiveLeaseAsync(long projectId, long taskId, long userId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var lease = await LeaseRows.FindAsync(connection, null, taskId, userId, cancellationToken);
        return lease is { State: LeaseState.Live } && lease.ProjectId == projectId && lease.ExpiresAt > clock.GetUtcNow() ? lease : null;
    }

    public async Task<bool> WasLeasedAsync(long projectId, long taskId, long userId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var lease = await LeaseRows.FindAsync(connection, null, taskId, userId, cancellationToken);
        return lease is not null && lease.ProjectId == projectId;
    }

    public async Task<QueueGauges> GaugesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var (depth, leases) = await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
            $"""
            SELECT (SELECT CAST(count(*) AS bigint) FROM tasks WHERE gold_kind = 0 AND status IN ('in_progress', 'queued')),
                   (SELECT CAST(count(*) AS bigint) FROM leases WHERE {Live} AND expires_at > @now)
            """,
            new { now = clock.GetUtcNow() },
            cancellationToken: cancellationToken));
        return new QueueGauges(depth, leases);
    }

    public async Task SetBatchPausedAsync(long projectId, string batch, bool paused, CancellationToken cancellationToken)
    {
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var sql = paused
            ? "INSERT INTO paused_batches (project_id, batch, paused_at) VALUES (@projectId, @batch, @now) ON CONFLICT (project_id, batch) DO NOTHING"
            : "DELETE FROM paused_batches WHERE project_id = @projectId AND batch = @batch";
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            sql, new { projectId, batch, now = clock.GetUtcNow() }, scope.Transaction, cancellationToken: cancellationToken));
        await _journal.RecordAsync(
            scope, new ChangeEvent(paused ? AuditActions.BatchPaused : AuditActions.BatchResumed, projectId, "batch", batch), cancellationToken);
        await scope.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<BatchSummary>> ListBatchesAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Batch, long Tasks, long Completed, long Paused)>(new CommandDefinition(
            """
            SELECT b.batch, CAST(coalesce(c.tasks, 0) AS bigint), CAST(coalesce(c.completed, 0) AS bigint), CAST(CASE WHEN p.batch IS NULL THEN 0 ELSE 1 END AS bigint)
            FROM (SELECT batch FROM tasks WHERE project_id = @projectId AND batch IS NOT NULL
                  UNION SELECT batch FROM paused_batches WHERE project_id = @projectId) b
            LEFT JOIN (SELECT batch, count(*) AS tasks, sum(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) AS completed
                       FROM tasks WHERE project_id = @projectId AND batch IS NOT NULL GROUP BY batch) c ON c.batch = b.batch
            LEFT JOIN paused_batches p ON p.project_id = @projectId AND p.batch = b.batch
            ORDER BY b.batch
            """,
            new { projectId },
            cancellationToken: cancellationToken));
        return rows.Select(r => new BatchSummary(r.Batch, r.Tasks, r.Completed, r.Paused != 0)).ToList();
    }

    private static async Task<MemberState> ReadMemberStateAsync(DbConnection connection, long projectId, long userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            SELECT m.user_id, m.paused_reason, m.qualified_at, m.reinstated_at,
                   CASE WHEN EXISTS (SELECT 1 FROM leases WHERE {Live} AND expires_at <= @now AND project_id = @projectId) THEN 1 ELSE 0 END,
                   (SELECT min(id) FROM leases WHERE project_id = @projectId AND user_id = @userId AND {Live} AND expires_at > @now)
            FROM (SELECT 1 AS one) one LEFT JOIN project_members m ON m.project_id = @projectId AND m.user_id = @userId
            """,
            new { projectId, userId, now },
            cancellationToken: cancellationToken));
        await reader.ReadAsync(cancellationToken);
        return new MemberState(
            !reader.IsDBNull(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            !reader.IsDBNull(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
            reader.GetInt32(4) != 0,
            reader.IsDBNull(5) ? null : reader.GetInt64(5));
    }

    /// <summary>Which task the annotator gets: qualification first, then (at the gold rate) gold, then ordinary work.</summary>
    private async Task<Pick?> PickAsync(WriteScope scope, Project project, long userId, MemberState member, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var projectId = project.Id;
        if (project.Queue.QualificationPassMark is { } passMark && !member.Qualified)
        {
            var qualification = await UnseenGoldAsync(scope, projectId, userId, GoldKind.Qualification, cancellationToken);
            if (qualification is { } q)
            {
                return new Pick(q, null);
            }

            var verdict = await QualificationVerdictAsync(scope, projectId, userId, passMark, member.ReinstatedAt, now, cancellationToken);
            if (verdict is not null)
            {
                return new Pick(0, verdict);
            }
        }

        if (project.Queue.GoldRate > 0 && goldDraw.ServeGold(project.Queue.GoldRate))
        {
            var gold = await UnseenGoldAsync(scope, projectId, userId, GoldKind.Gold, cancellationToken);
            if (gold is { } g)
            {
                return new Pick(g, null);
            }
        }

        var id = await scope.Connection.QueryFirstOrDefaultAsync<long?>(new CommandDefinition(
            CandidateSql, new { projectId, userId, project.Overlap }, scope.Transaction, cancellationToken: cancellationToken));
        return id is { } found ? new Pick(found, null) : null;
    }

    /// <summary>
    /// The ordinary task for the annotator: highest priority, started tasks first, then import order, with room in its
    /// overlap, not in a paused batch, never leased to or annotated by them before. Locked with SKIP LOCKED on PostgreSQL.
    /// </summary>
    private string CandidateSql => $"""
        SELECT t.id FROM tasks t
        WHERE t.project_id = @projectId AND t.gold_kind = 0 AND t.status IN ('in_progress', 'queued')
          AND t.annotation_count + t.lease_count < coalesce(t.overlap, @Overlap)
          AND (t.batch IS NULL OR NOT EXISTS (SELECT 1 FROM paused_batches b WHERE b.project_id = t.project_id AND b.batch = t.batch))
          AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.task_id = t.id AND l.user_id = @userId{Probe})
          AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.task_id = t.id AND a.author_id = @userId AND a.origin <> 'imported'{Probe})
        ORDER BY t.priority DESC, t.status, t.id
        LIMIT 1{(db.Provider == DatabaseProvider.Postgres ? " FOR UPDATE SKIP LOCKED" : string.Empty)}
        """;

    /// <summary>
    /// PostgreSQL's one-statement lease for the common case (no leases due, no gold to mix in, no qualification pending):
    /// the pick under SKIP LOCKED, the lease, its place in the count, and the task with its predictions back, in one
    /// statement that commits on its own: one round trip instead of the transaction's four.
    /// </summary>
    private async Task<NextTaskOutcome> LeaseInOneStatementAsync(Project project, long userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expiresAt = now + project.Queue.LeaseTime;
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            WITH pick AS ({CandidateSql}),
            lease AS (
                INSERT INTO leases (project_id, task_id, user_id, state, gold_kind, created_at, expires_at)
                SELECT @projectId, id, @userId, 0, 0, @now, @expiresAt FROM pick
                RETURNING id, task_id),
            counted AS (UPDATE tasks SET lease_count = lease_count + 1 WHERE id IN (SELECT task_id FROM lease) RETURNING *)
            SELECT {Rows.TaskColumns(db, "t.")}, l.id, p.id, {db.JsonColumn("p.result")}, p.model_version, p.score, p.created_at
            FROM lease l JOIN counted t ON t.id = l.task_id
            LEFT JOIN predictions p ON p.task_id = l.task_id
            ORDER BY p.id
            """,
            new { projectId = project.Id, userId, project.Overlap, now, expiresAt },
            cancellationToken: cancellationToken));
        LabelingTask? task = null;
        TaskLease? lease = null;
        var predictions = new List<ExportPrediction>();
        var after = reader.FieldCount - 6;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (task is null)
            {
                task = Rows.Task(reader);
                lease = new TaskLease(reader.GetInt64(after), project.Id, task.Id, userId, LeaseState.Live, now, expiresAt);
            }

            if (!reader.IsDBNull(after + 1))
            {
                predictions.Add(new ExportPrediction(
                    reader.GetInt64(after + 1),
                    reader.GetString(after + 2),
                    reader.IsDBNull(after + 3) ? null : reader.GetString(after + 3),
                    reader.IsDBNull(after + 4) ? null : reader.GetDouble(after + 4),
                    reader.GetFieldValue<DateTimeOffset>(after + 5)));
            }
        }

        return task is null ? NextTaskOutcome.Nothing : NextTaskOutcome.Granted(new LeasedTask(lease!, task, predictions));
    }

    private async Task<long?> UnseenGoldAsync(WriteScope scope, long projectId, long userId, GoldKind kind, CancellationToken cancellationToken) =>
        await scope.Connection.QueryFirstOrDefaultAsync<long?>(new CommandDefinition(
            $"""
            SELECT t.id FROM tasks t
            WHERE t.project_id = @projectId AND t.gold_kind = @kind AND t.status <> 'canceled'
              AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.task_id = t.id AND l.user_id = @userId{Probe})
              AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.task_id = t.id AND a.author_id = @userId AND a.origin <> 'imported'{Probe})
            ORDER BY t.id
            LIMIT 1
            """,
            new { projectId, userId, kind = (int)kind },
            scope.Transaction,
            cancellationToken: cancellationToken));

    /// <summary>
    /// Once every qualification task is answered: null (qualified, recorded) or the reason the annotator
    /// failed (they are paused with it). A project with no qualification tasks qualifies everyone.
    /// </summary>
    private async Task<string?> QualificationVerdictAsync(
        WriteScope scope, long projectId, long userId, double passMark, DateTimeOffset? since, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = await scope.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM leases WHERE project_id = @projectId AND user_id = @userId AND gold_kind = 2 AND {Live}",
            new { projectId, userId },
            scope.Transaction,
            cancellationToken: cancellationToken));
        if (open > 0)
        {
            return "finish your qualification task before taking more work";
        }

        var (answered, correct) = await scope.Connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
            $"""
            SELECT CAST(count(*) AS bigint), CAST(coalesce(sum(CASE WHEN correct THEN 1 ELSE 0 END), 0) AS bigint)
            FROM gold_answers WHERE project_id = @projectId AND user_id = @userId AND gold_kind = 2{(since is null ? string.Empty : " AND created_at > @since")}
            """,
            new { projectId, userId, since },
            scope.Transaction,
            cancellationToken: cancellationToken));
        var accuracy = answered == 0 ? 1.0 : (double)correct / answered;
        if (accuracy >= passMark)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE project_members SET qualified_at = @now WHERE project_id = @projectId AND user_id = @userId",
                new { projectId, userId, now },
                scope.Transaction,
                cancellationToken: cancellationToken));
            return null;
        }

        var reason = FormattableString.Invariant(
            $"paused: you did not pass the qualification set ({correct} of {answered} correct, {accuracy:P0}; the pass mark is {passMark:P0}); a manager can reinstate you");
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE project_members SET paused_at = @now, paused_reason = @reason WHERE project_id = @projectId AND user_id = @userId",
            new { projectId, userId, now, reason },
            scope.Transaction,
            cancellationToken: cancellationToken));
        return reason;
    }

    /// <summary>
    /// Leases the task in one command (one round trip on PostgreSQL): the lease, its place in the task's count, and the
    /// task with its predictions read back for the answer.
    /// </summary>
    private async Task<LeasedTask?> LeaseAsync(WriteScope scope, long projectId, long taskId, long userId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var reader = await scope.Connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            INSERT INTO leases (project_id, task_id, user_id, state, gold_kind, created_at, expires_at)
            VALUES (@projectId, @taskId, @userId, 0, (SELECT gold_kind FROM tasks WHERE id = @taskId), @now, @expiresAt)
            RETURNING id;
            UPDATE tasks SET lease_count = lease_count + 1 WHERE id = @taskId;
            {TaskWithPredictionsSql}
            """,
            new { projectId, taskId, userId, now, expiresAt },
            scope.Transaction,
            cancellationToken: cancellationToken));
        await reader.ReadAsync(cancellationToken);
        var lease = new TaskLease(reader.GetInt64(0), projectId, taskId, userId, LeaseState.Live, now, expiresAt);
        var (task, predictions) = await NextTaskWithPredictionsAsync(reader, cancellationToken);
        return task is null ? null : new LeasedTask(lease, task, predictions);
    }

    private static async Task<TaskLease?> ReadLeaseAsync(DbConnection connection, long leaseId, CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {LeaseRows.Columns} FROM leases WHERE id = @leaseId", new { leaseId }, cancellationToken: cancellationToken));
        return await reader.ReadAsync(cancellationToken) ? LeaseRows.Read(reader) : null;
    }

    private string TaskWithPredictionsSql => $"""
        SELECT {Rows.TaskColumns(db)} FROM tasks WHERE project_id = @projectId AND id = @taskId;
        SELECT id, {db.JsonColumn("result")}, model_version, score, created_at FROM predictions WHERE task_id = @taskId ORDER BY id
        """;

    /// <summary>The task and its predictions, in one command (one round trip on PostgreSQL).</summary>
    private async Task<(LabelingTask? Task, IReadOnlyList<ExportPrediction> Predictions)> ReadTaskWithPredictionsAsync(
        DbConnection connection, long projectId, long taskId, CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            TaskWithPredictionsSql, new { projectId, taskId }, cancellationToken: cancellationToken));
        return await TaskWithPredictionsAsync(reader, cancellationToken);
    }

    /// <summary>Moves to the next result set (the task) and reads it and the predictions after it.</summary>
    private static async Task<(LabelingTask? Task, IReadOnlyList<ExportPrediction> Predictions)> NextTaskWithPredictionsAsync(DbDataReader reader, CancellationToken cancellationToken) =>
        await reader.NextResultAsync(cancellationToken) ? await TaskWithPredictionsAsync(reader, cancellationToken) : (null, []);

    private static async Task<(LabelingTask? Task, IReadOnlyList<ExportPrediction> Predictions)> TaskWithPredictionsAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var task = await reader.ReadAsync(cancellationToken) ? Rows.Task(reader) : null;
        var list = new List<ExportPrediction>();
        if (await reader.NextResultAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                list.Add(new ExportPrediction(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetDouble(3),
                    reader.GetFieldValue<DateTimeOffset>(4)));
            }
        }

        return (task, list);
    }

    private static string? Refusal(TaskLease? lease, long leaseId, long userId, DateTimeOffset? now)
    {
        if (lease is null || lease.UserId != userId)
        {
            return $"lease {leaseId} is not yours";
        }

        if (lease.State != LeaseState.Live || (now is { } at && lease.ExpiresAt <= at))
        {
            return $"lease {leaseId} has ended ({(lease.State == LeaseState.Live ? "expired" : lease.State.ToString().ToLowerInvariant())}); ask for the next task";
        }

        return null;
    }

    private sealed record Pick(long Id, string? Paused);

    private sealed record MemberState(bool IsMember, string? PausedReason, bool Qualified, DateTimeOffset? ReinstatedAt, bool LeasesDue, long? HeldLeaseId);
}
