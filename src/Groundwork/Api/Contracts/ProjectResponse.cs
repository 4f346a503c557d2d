using Groundwork.Core.Projects;

namespace Groundwork.Api.Contracts;

public sealed record ProjectResponse(
    long Id,
    string Name,
    string LabelConfig,
    string Instructions,
    int Overlap,
    long? CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ProjectResponse From(Project project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return new(project.Id, project.Name, project.LabelConfig, project.Instructions, project.Overlap, project.CreatedBy, project.CreatedAt, project.UpdatedAt);
    }
}
