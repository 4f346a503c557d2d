namespace Groundwork.Core.Projects;

public interface IProjectStore
{
    Task<Project> CreateAsync(ProjectDraft draft, long createdBy, CancellationToken cancellationToken);

    Task<Project?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>The project and the user's role on it (null when not a member), in one read.</summary>
    Task<(Project? Project, ProjectRole? Role)> GetWithRoleAsync(long id, long userId, CancellationToken cancellationToken);

    /// <summary>Projects the user may see: all of them for an admin, else those they are a member of.</summary>
    Task<IReadOnlyList<Project>> ListVisibleAsync(long userId, bool isAdmin, CancellationToken cancellationToken);

    Task<Project?> UpdateAsync(long id, ProjectDraft draft, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(long id, CancellationToken cancellationToken);

    /// <summary>Makes the user a member with the role, or changes their role.</summary>
    Task SetMemberAsync(long projectId, long userId, ProjectRole role, CancellationToken cancellationToken);

    /// <summary>The user's role on the project, or null when they are not a member.</summary>
    Task<ProjectRole?> GetRoleAsync(long projectId, long userId, CancellationToken cancellationToken);

    /// <summary>The project's members with their roles and queue state, by user id.</summary>
    Task<IReadOnlyList<ProjectMember>> ListMembersAsync(long projectId, CancellationToken cancellationToken);

    /// <summary>Removes the membership; their live leases on the project end. False when they were not a member.</summary>
    Task<bool> RemoveMemberAsync(long projectId, long userId, CancellationToken cancellationToken);

    /// <summary>
    /// Lifts a queue pause (and waives a failed qualification); only gold answers given after this count
    /// towards the next pause. False when not a member.
    /// </summary>
    Task<bool> ReinstateMemberAsync(long projectId, long userId, CancellationToken cancellationToken);
}
