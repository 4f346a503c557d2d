using System.Globalization;
using Dapper;
using Groundwork.Core.Events;
using Groundwork.Core.Projects;
using Groundwork.Core.Reviews;
using Groundwork.Data.Events;

namespace Groundwork.Data.Stores;

public sealed class SqlProjectStore(GroundworkDatabase db, TimeProvider clock) : IProjectStore
{
    private readonly ChangeJournal _journal = new(db, clock);

    public async Task<Project> CreateAsync(ProjectDraft draft, long createdBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var now = clock.GetUtcNow();
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var id = await scope.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO projects (name, label_config, instructions, overlap, created_by, created_at, updated_at,
                                  lease_seconds, gold_rate, gold_threshold, gold_window, qualification_pass_mark,
                                  consensus_method, adaptive_target, adaptive_max, review_policy, review_sample_rate, review_threshold)
            VALUES (@Name, @LabelConfig, @Instructions, @Overlap, @CreatedBy, @Now, @Now,
                    @LeaseSeconds, @GoldRate, @GoldThreshold, @GoldWindow, @QualificationPassMark,
                    @ConsensusMethod, @AdaptiveTarget, @AdaptiveMax, @ReviewPolicy, @ReviewSampleRate, @ReviewThreshold)
            RETURNING id
            """,
            new
            {
                draft.Name, draft.LabelConfig, draft.Instructions, draft.Overlap, CreatedBy = createdBy, Now = now,
                draft.Queue.LeaseSeconds, draft.Queue.GoldRate, draft.Queue.GoldThreshold, draft.Queue.GoldWindow, draft.Queue.QualificationPassMark,
                draft.Quality.ConsensusMethod, draft.Quality.AdaptiveTarget, draft.Quality.AdaptiveMax,
                ReviewPolicy = draft.Review.Policy.ToName(), ReviewSampleRate = draft.Review.SampleRate, ReviewThreshold = draft.Review.Threshold,
            },
            scope.Transaction,
            cancellationToken: cancellationToken));
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO project_members (project_id, user_id, role, created_at) VALUES (@Id, @UserId, @Role, @Now)",
            new { Id = id, UserId = createdBy, Role = (int)ProjectRole.Manager, Now = now },
            scope.Transaction,
            cancellationToken: cancellationToken));
        await _journal.RecordAsync(
            scope,
            new ChangeEvent(AuditActions.ProjectCreated, id, "project", Text(id), EventPayloads.Details(("name", draft.Name), ("overlap", draft.Overlap))),
            cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return new Project(id, draft.Name, draft.LabelConfig, draft.Instructions, draft.Overlap, createdBy, now, now) { Queue = draft.Queue, Quality = draft.Quality, Review = draft.Review };
    }

    public async Task<Project?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Rows.ProjectColumns} FROM projects WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return await reader.ReadAsync(cancellationToken) ? Rows.Project(reader) : null;
    }

    public async Task<(Project? Project, ProjectRole? Role)> GetWithRoleAsync(long id, long userId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Rows.ProjectColumns}, (SELECT role FROM project_members WHERE project_id = @id AND user_id = @userId) FROM projects WHERE id = @id",
            new { id, userId },
            cancellationToken: cancellationToken));
        if (!await reader.ReadAsync(cancellationToken))
        {
            return (null, null);
        }

        var roleColumn = reader.FieldCount - 1;
        return (Rows.Project(reader), reader.IsDBNull(roleColumn) ? null : (ProjectRole)reader.GetInt32(roleColumn));
    }

    public async Task<IReadOnlyList<Project>> ListVisibleAsync(long userId, bool isAdmin, CancellationToken cancellationToken)
    {
        var sql = isAdmin
            ? $"SELECT {Rows.ProjectColumns} FROM projects ORDER BY id"
            : $"SELECT {Rows.ProjectColumns} FROM projects WHERE id IN (SELECT project_id FROM project_members WHERE user_id = @userId) ORDER BY id";
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, new { userId }, cancellationToken: cancellationToken));
        var projects = new List<Project>();
        while (await reader.ReadAsync(cancellationToken))
        {
            projects.Add(Rows.Project(reader));
        }

        return projects;
    }

    public async Task<Project?> UpdateAsync(long id, ProjectDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var now = clock.GetUtcNow();
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var changed = await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE projects SET name = @Name, label_config = @LabelConfig, instructions = @Instructions, overlap = @Overlap, updated_at = @Now,
                lease_seconds = @LeaseSeconds, gold_rate = @GoldRate, gold_threshold = @GoldThreshold, gold_window = @GoldWindow,
                qualification_pass_mark = @QualificationPassMark, consensus_method = @ConsensusMethod,
                adaptive_target = @AdaptiveTarget, adaptive_max = @AdaptiveMax,
                review_policy = @ReviewPolicy, review_sample_rate = @ReviewSampleRate, review_threshold = @ReviewThreshold
            WHERE id = @Id
            """,
            new
            {
                Id = id, draft.Name, draft.LabelConfig, draft.Instructions, draft.Overlap, Now = now,
                draft.Queue.LeaseSeconds, draft.Queue.GoldRate, draft.Queue.GoldThreshold, draft.Queue.GoldWindow, draft.Queue.QualificationPassMark,
                draft.Quality.ConsensusMethod, draft.Quality.AdaptiveTarget, draft.Quality.AdaptiveMax,
                ReviewPolicy = draft.Review.Policy.ToName(), ReviewSampleRate = draft.Review.SampleRate, ReviewThreshold = draft.Review.Threshold,
            },
            scope.Transaction,
            cancellationToken: cancellationToken));
        if (changed > 0)
        {
            await _journal.RecordAsync(
                scope,
                new ChangeEvent(AuditActions.ProjectUpdated, id, "project", Text(id), EventPayloads.Details(("name", draft.Name), ("overlap", draft.Overlap))),
                cancellationToken);
        }

        await scope.CommitAsync(cancellationToken);
        return changed == 0 ? null : await GetAsync(id, cancellationToken);
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var changed = await scope.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM projects WHERE id = @id", new { id }, scope.Transaction, cancellationToken: cancellationToken));
        if (changed > 0)
        {
            await _journal.RecordAsync(scope, new ChangeEvent(AuditActions.ProjectDeleted, id, "project", Text(id)), cancellationToken);
        }

        await scope.CommitAsync(cancellationToken);
        return changed > 0;
    }

    public async Task SetMemberAsync(long projectId, long userId, ProjectRole role, CancellationToken cancellationToken)
    {
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO project_members (project_id, user_id, role, created_at) VALUES (@projectId, @userId, @role, @now)
            ON CONFLICT (project_id, user_id) DO UPDATE SET role = excluded.role
            """,
            new { projectId, userId, role = (int)role, now = clock.GetUtcNow() },
            scope.Transaction,
            cancellationToken: cancellationToken));
        await _journal.RecordAsync(
            scope,
            new ChangeEvent(AuditActions.MemberSet, projectId, "user", Text(userId), EventPayloads.Details(("user_id", userId), ("role", role.ToString().ToLowerInvariant()))),
            cancellationToken);
        await scope.CommitAsync(cancellationToken);
    }

    public async Task<ProjectRole?> GetRoleAsync(long projectId, long userId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var role = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT role FROM project_members WHERE project_id = @projectId AND user_id = @userId",
            new { projectId, userId },
            cancellationToken: cancellationToken));
        return role is null ? null : (ProjectRole)role.Value;
    }

    public async Task<IReadOnlyList<ProjectMember>> ListMembersAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            """
            SELECT m.user_id, u.email, u.name, m.role, m.created_at, m.paused_at, m.paused_reason, m.qualified_at
            FROM project_members m JOIN users u ON u.id = m.user_id
            WHERE m.project_id = @projectId ORDER BY m.user_id
            """,
            new { projectId },
            cancellationToken: cancellationToken));
        var members = new List<ProjectMember>();
        while (await reader.ReadAsync(cancellationToken))
        {
            members.Add(new ProjectMember(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                (ProjectRole)reader.GetInt32(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return members;
    }

    public async Task<bool> RemoveMemberAsync(long projectId, long userId, CancellationToken cancellationToken)
    {
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var removed = await scope.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM project_members WHERE project_id = @projectId AND user_id = @userId",
            new { projectId, userId },
            scope.Transaction,
            cancellationToken: cancellationToken));
        if (removed > 0)
        {
            await LeaseRows.EndLiveLeasesOfUserAsync(scope, projectId, userId, clock.GetUtcNow(), cancellationToken);
            await _journal.RecordAsync(
                scope, new ChangeEvent(AuditActions.MemberRemoved, projectId, "user", Text(userId), EventPayloads.Details(("user_id", userId))), cancellationToken);
        }

        await scope.CommitAsync(cancellationToken);
        return removed > 0;
    }

    public async Task<bool> ReinstateMemberAsync(long projectId, long userId, CancellationToken cancellationToken)
    {
        await using var scope = await db.BeginWriteAsync(cancellationToken);
        var changed = await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE project_members SET qualified_at = coalesce(qualified_at, CASE WHEN paused_at IS NOT NULL THEN @now END),
                paused_at = NULL, paused_reason = NULL, reinstated_at = @now
            WHERE project_id = @projectId AND user_id = @userId
            """,
            new { projectId, userId, now = clock.GetUtcNow() },
            scope.Transaction,
            cancellationToken: cancellationToken));
        if (changed > 0)
        {
            await _journal.RecordAsync(
                scope, new ChangeEvent(AuditActions.MemberReinstated, projectId, "user", Text(userId), EventPayloads.Details(("user_id", userId))), cancellationToken);
        }

        await scope.CommitAsync(cancellationToken);
        return changed > 0;
    }
    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
