using System.Globalization;
using Dapper;
using Groundwork.Core.Events;
using Groundwork.Core.Projects;
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
            INSERT INTO projects (name, label_config, instructions, overlap, created_by, created_at, updated_at)
            VALUES (@Name, @LabelConfig, @Instructions, @Overlap, @CreatedBy, @Now, @Now)
            RETURNING id
            """,
            new { draft.Name, draft.LabelConfig, draft.Instructions, draft.Overlap, CreatedBy = createdBy, Now = now },
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
        return new Project(id, draft.Name, draft.LabelConfig, draft.Instructions, draft.Overlap, createdBy, now, now);
    }

    public async Task<Project?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Rows.ProjectColumns} FROM projects WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return await reader.ReadAsync(cancellationToken) ? Rows.Project(reader) : null;
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
            UPDATE projects SET name = @Name, label_config = @LabelConfig, instructions = @Instructions, overlap = @Overlap, updated_at = @Now
            WHERE id = @Id
            """,
            new { Id = id, draft.Name, draft.LabelConfig, draft.Instructions, draft.Overlap, Now = now },
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

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
