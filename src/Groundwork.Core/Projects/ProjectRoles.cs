namespace Groundwork.Core.Projects;

/// <summary>The API's names for project roles.</summary>
public static class ProjectRoles
{
    public static string Name(ProjectRole role) => role switch
    {
        ProjectRole.Annotator => "annotator",
        ProjectRole.Reviewer => "reviewer",
        ProjectRole.Manager => "manager",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
    };

    public static bool TryParse(string? name, out ProjectRole role)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "annotator":
                role = ProjectRole.Annotator;
                return true;
            case "reviewer":
                role = ProjectRole.Reviewer;
                return true;
            case "manager":
                role = ProjectRole.Manager;
                return true;
            default:
                role = default;
                return false;
        }
    }
}
