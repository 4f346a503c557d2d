using System.Data.Common;
using Dapper;
using Groundwork.Core.Queue;

namespace Groundwork.Data.Stores;

/// <summary>
/// Lease rows inside a write transaction. Every path locks in one order, task row first and lease row
/// second, so that concurrent transactions on PostgreSQL never wait on each other in a cycle.
/// A task's <c>lease_count</c> always equals its leases in state live; ending a lease decrements it.
/// </summary>
internal static class LeaseRows
{
    public const string Columns = "id, project_id, task_id, user_id, state, created_at, expires_at";

    public static TaskLease Read(DbDataReader r) => new(
        r.GetInt64(0),
        r.GetInt64(1),
        r.GetInt64(2),
        r.GetInt64(3),
        (LeaseState)r.GetInt32(4),
        r.GetFieldValue<DateTimeOffset>(5),
        r.GetFieldValue<DateTimeOffset>(6));

    /// <summary>Reads one lease of the project, locking it on PostgreSQL.</summary>
    public static async Task<TaskLease?> GetAsync(GroundworkDatabase db, WriteScope scope, long projectId, long leaseId, CancellationToken cancellationToken)
    {
        var forUpdate = db.Provider == DatabaseProvider.Postgres ? " FOR UPDATE" : string.Empty;
        await using var reader = await scope.Connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Columns} FROM leases WHERE id = @leaseId AND project_id = @projectId{forUpdate}",
            new { leaseId, projectId },
            scope.Transaction,
            cancellationToken: cancellationToken));
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>The user's lease on the task in any state, or null.</summary>
    public static async Task<TaskLease?> FindAsync(DbConnection connection, DbTransaction? transaction, long taskId, long userId, CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Columns} FROM leases WHERE task_id = @taskId AND user_id = @userId",
            new { taskId, userId },
            transaction,
            cancellationToken: cancellationToken));
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Ends a live lease (submitted, skipped or expired) and frees its place in the task's overlap.</summary>
    public static async Task EndAsync(WriteScope scope, TaskLease lease, LeaseState state, DateTimeOffset now, string? reason, CancellationToken cancellationToken)
    {
        var ended = await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE leases SET state = @state, ended_at = @now, skip_reason = @reason WHERE id = @Id AND state = 0",
            new { state = (int)state, now, reason, lease.Id },
            scope.Transaction,
            cancellationToken: cancellationToken));
        if (ended > 0)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE tasks SET lease_count = lease_count - 1 WHERE id = @TaskId AND lease_count > 0",
                new { lease.TaskId },
                scope.Transaction,
                cancellationToken: cancellationToken));
        }
    }

    /// <summary>Ends every live lease past its expiry (in one project, or everywhere when <paramref name="projectId"/> is null).</summary>
    public static async Task<int> ExpireDueAsync(GroundworkDatabase db, WriteScope scope, long? projectId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var inProject = projectId is null ? string.Empty : " AND project_id = @projectId";
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // Lock the tasks first (the order every path uses), then end the leases that are still live.
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                $"SELECT id FROM tasks WHERE id IN (SELECT task_id FROM leases WHERE state = 0 AND expires_at <= @now{inProject}) ORDER BY id FOR UPDATE",
                new { now, projectId },
                scope.Transaction,
                cancellationToken: cancellationToken));
            return await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
                $"""
                WITH ended AS (
                    UPDATE leases SET state = 3, ended_at = @now
                    WHERE state = 0 AND expires_at <= @now{inProject}
                    RETURNING task_id),
                counted AS (SELECT task_id, count(*) AS n FROM ended GROUP BY task_id),
                freed AS (
                    UPDATE tasks t SET lease_count = greatest(t.lease_count - c.n, 0)
                    FROM counted c WHERE t.id = c.task_id
                    RETURNING c.n)
                SELECT coalesce(sum(n), 0)::int FROM freed
                """,
                new { now, projectId },
                scope.Transaction,
                cancellationToken: cancellationToken));
        }

        await scope.Connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE tasks SET lease_count = max(lease_count - (
                SELECT count(*) FROM leases l WHERE l.task_id = tasks.id AND l.state = 0 AND l.expires_at <= @now), 0)
            WHERE id IN (SELECT task_id FROM leases WHERE state = 0 AND expires_at <= @now{inProject})
            """,
            new { now, projectId },
            scope.Transaction,
            cancellationToken: cancellationToken));
        return await scope.Connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE leases SET state = 3, ended_at = @now WHERE state = 0 AND expires_at <= @now{inProject}",
            new { now, projectId },
            scope.Transaction,
            cancellationToken: cancellationToken));
    }

    /// <summary>Ends a user's live leases on a project (when they leave it).</summary>
    public static async Task EndLiveLeasesOfUserAsync(WriteScope scope, long projectId, long userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE tasks SET lease_count = lease_count - 1
            WHERE id IN (SELECT task_id FROM leases WHERE project_id = @projectId AND user_id = @userId AND state = 0) AND lease_count > 0
            """,
            new { projectId, userId },
            scope.Transaction,
            cancellationToken: cancellationToken));
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE leases SET state = 3, ended_at = @now WHERE project_id = @projectId AND user_id = @userId AND state = 0",
            new { projectId, userId, now },
            scope.Transaction,
            cancellationToken: cancellationToken));
    }
}
