using System.Security.Claims;
using Groundwork.Core.Projects;

namespace Groundwork.Security;

/// <summary>
/// Who may do what on a project. A user who is not a member gets "not found", never "forbidden",
/// so a project's existence does not leak; a member whose role is too low gets "forbidden".
/// Admins may do everything. This is the single place later role rules plug into.
/// </summary>
public sealed class ProjectAccess(IProjectStore projects)
{
    public async Task<ProjectAccessResult> CheckAsync(ClaimsPrincipal user, long projectId, ProjectRole required, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (project, role) = await projects.GetWithRoleAsync(projectId, user.UserId(), cancellationToken);
        if (project is null)
        {
            return ProjectAccessResult.NotFound(projectId);
        }

        if (user.IsAdmin())
        {
            return new ProjectAccessResult(project, ProjectRole.Manager, null);
        }

        if (role is null)
        {
            return ProjectAccessResult.NotFound(projectId);
        }

        return role.Value >= required
            ? new ProjectAccessResult(project, role.Value, null)
            : new ProjectAccessResult(null, role.Value, StatusCodes.Status403Forbidden);
    }
}
