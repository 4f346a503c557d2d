using System.Data.Common;
using Dapper;
using Groundwork.Core;
using Groundwork.Core.Export;
using Groundwork.Core.Queue;
using Groundwork.Core.Tasks;

namespace Groundwork.Data.Stores;

/// <summary>
/// The queue in SQL. Each call is one write transaction. On PostgreSQL the candidate task is taken
/// with <c>FOR UPDATE SKIP LOCKED</c>, so any number of server processes can share one database:
/// two annotators never wait for the same row, and the row's counters are re-checked under the lock.
/// On SQLite the write transaction already excludes every other writer.
/// </summary>
public sealed class SqlWorkQueue(GroundworkDatabase db, TimeProvider clock, IGoldDraw goldDraw) : IWorkQueue
{
    private const string Live = "state = 0";

    public async Task<NextTaskOutcome> NextAsync(long projectId, long userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();

        // Reads first, outside the write transaction: on SQLite they run beside the one writer, not behind it.
        QueueRow? settings;
        bool due;
        long? held;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            settings = await ReadSettingsAsync(connection, projectId, userId, cancellationToken);
            if (settings is null || !settings.IsMember)
            {
                return NextTaskOutcome.Paused("you are not a member of this project; a manager adds annotators under /members");
            }

            if (settings.PausedReason is { } paused)
            {
                return NextTaskOutcome.Paused(paused);
            }

            long dueCount;
            (dueCount, held) = await connection.QuerySingleAsync<(long, long?)>(new CommandDefinition(
                $"""
                SELECT CAST(CASE WHEN EXISTS (SELECT 1 FROM leases WHERE {Live} AND expires_at <= @now AND project_id = @projectId) THEN 1 ELSE 0 END AS bigint),
                       (SELECT min(id) FROM leases WHERE project_id = @projectId AND user_id = @userId AND {Live} AND expires_at > @now)
                """,
                new { projectId, userId, now },
                cancellationToken: cancellationToken));
            due = dueCount != 0;
        }

        TaskLease? lease;
        if (held is { } heldId)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            lease = await ReadLeaseAsync(connection, heldId, cancellationToken);
        }
        else
        {
            await using var scope = await db.BeginWriteAsync(cancellationToken);
            if (due)
            {
                await LeaseRows.ExpireDueAsync(db, scope, projectId, now, cancellationToken);
            }

            var pick = await PickAsync(scope, projectId, userId, settings, now, cancellationToken);
            if (pick?.Paused is { } reason)
            {
                await scope.CommitAsync(cancellationToken);
                return NextTaskOutcome.Paused(reason);
            }

            lease = pick is null ? null : await InsertLeaseAsync(scope, projectId, pick.Id, userId, now, now + TimeSpan.FromSeconds(settings.LeaseSeconds), cancellationToken);
            await scope.CommitAsync(cancellationToken);
        }

        if (lease is null)
        {
            return NextTaskOutcome.Nothing;
        }

        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            var task = await ReadTaskAsync(connection, projectId, lease.TaskId, cancellationToken);
            if (task is null)
            {
                return NextTaskOutcome.Nothing;
            }

            var predictions = await PredictionsAsync(connection, lease.TaskId, cancellationToken);
            return NextTaskOutcome.Granted(new LeasedTask(lease, task, predictions));
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

    private static async Task<QueueRow?> ReadSettingsAsync(DbConnection connection, long projectId, long userId, CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            """
            SELECT p.overlap, p.lease_seconds, p.gold_rate, p.qualification_pass_mark,
                   m.paused_reason, m.qualified_at, m.reinstated_at, m.user_id
            FROM projects p LEFT JOIN project_members m ON m.project_id = p.id AND m.user_id = @userId
            WHERE p.id = @projectId
            """,
            new { projectId, userId },
            cancellationToken: cancellationToken));
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new QueueRow(
            reader.GetInt32(0),
            reader.GetInt32(1),
            reader.GetDouble(2),
            reader.IsDBNull(3) ? null : reader.GetDouble(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            !reader.IsDBNull(5),
            reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
            !reader.IsDBNull(7));
    }

    /// <summary>Which task the annotator gets: qualification first, then (at the gold rate) gold, then ordinary work.</summary>
    private async Task<Pick?> PickAsync(WriteScope scope, long projectId, long userId, QueueRow settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (settings.PassMark is { } passMark && !settings.Qualified)
        {
            var qualification = await UnseenGoldAsync(scope, projectId, userId, GoldKind.Qualification, cancellationToken);
            if (qualification is { } q)
            {
                return new Pick(q, null);
            }

            var verdict = await QualificationVerdictAsync(scope, projectId, userId, passMark, settings.ReinstatedAt, now, cancellationToken);
            if (verdict is not null)
            {
                return new Pick(0, verdict);
            }
        }

        if (settings.GoldRate > 0 && goldDraw.ServeGold(settings.GoldRate))
        {
            var gold = await UnseenGoldAsync(scope, projectId, userId, GoldKind.Gold, cancellationToken);
            if (gold is { } g)
            {
                return new Pick(g, null);
            }
        }

        var skipLocked = db.Provider == DatabaseProvider.Postgres ? " FOR UPDATE SKIP LOCKED" : string.Empty;
        var id = await scope.Connection.QueryFirstOrDefaultAsync<long?>(new CommandDefinition(
            $"""
            SELECT t.id FROM tasks t
            WHERE t.project_id = @projectId AND t.gold_kind = 0 AND t.status IN ('in_progress', 'queued')
              AND t.annotation_count + t.lease_count < coalesce(t.overlap, @Overlap)
              AND (t.batch IS NULL OR NOT EXISTS (SELECT 1 FROM paused_batches b WHERE b.project_id = t.project_id AND b.batch = t.batch))
              AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.task_id = t.id AND l.user_id = @userId)
              AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.task_id = t.id AND a.author_id = @userId AND a.origin <> 'imported')
            ORDER BY t.priority DESC, t.status, t.id
            LIMIT 1{skipLocked}
            """,
            new { projectId, userId, settings.Overlap },
            scope.Transaction,
            cancellationToken: cancellationToken));
        return id is { } found ? new Pick(found, null) : null;
    }

    private async Task<long?> UnseenGoldAsync(WriteScope scope, long projectId, long userId, GoldKind kind, CancellationToken cancellationToken) =>
        await scope.Connection.QueryFirstOrDefaultAsync<long?>(new CommandDefinition(
            """
            SELECT t.id FROM tasks t
            WHERE t.project_id = @projectId AND t.gold_kind = @kind AND t.status <> 'canceled'
              AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.task_id = t.id AND l.user_id = @userId)
              AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.task_id = t.id AND a.author_id = @userId AND a.origin <> 'imported')
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

    private async Task<TaskLease> InsertLeaseAsync(WriteScope scope, long projectId, long taskId, long userId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var id = await scope.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO leases (project_id, task_id, user_id, state, gold_kind, created_at, expires_at)
            VALUES (@projectId, @taskId, @userId, 0, (SELECT gold_kind FROM tasks WHERE id = @taskId), @now, @expiresAt)
            RETURNING id
            """,
            new { projectId, taskId, userId, now, expiresAt },
            scope.Transaction,
            cancellationToken: cancellationToken));
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE tasks SET lease_count = lease_count + 1 WHERE id = @taskId", new { taskId }, scope.Transaction, cancellationToken: cancellationToken));
        return new TaskLease(id, projectId, taskId, userId, LeaseState.Live, now, expiresAt);
    }

    private async Task<LabelingTask?> ReadTaskAsync(DbConnection connection, long projectId, long taskId, CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Rows.TaskColumns(db)} FROM tasks WHERE project_id = @projectId AND id = @taskId",
            new { projectId, taskId },
            cancellationToken: cancellationToken));
        return await reader.ReadAsync(cancellationToken) ? Rows.Task(reader) : null;
    }

    private static async Task<TaskLease?> ReadLeaseAsync(DbConnection connection, long leaseId, CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {LeaseRows.Columns} FROM leases WHERE id = @leaseId", new { leaseId }, cancellationToken: cancellationToken));
        return await reader.ReadAsync(cancellationToken) ? LeaseRows.Read(reader) : null;
    }

    private async Task<IReadOnlyList<ExportPrediction>> PredictionsAsync(DbConnection connection, long taskId, CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT id, {db.JsonColumn("result")}, model_version, score, created_at FROM predictions WHERE task_id = @taskId ORDER BY id",
            new { taskId },
            cancellationToken: cancellationToken));
        var list = new List<ExportPrediction>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new ExportPrediction(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetDouble(3),
                reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return list;
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

    private sealed record QueueRow(int Overlap, int LeaseSeconds, double GoldRate, double? PassMark, string? PausedReason, bool Qualified, DateTimeOffset? ReinstatedAt, bool IsMember);
}
