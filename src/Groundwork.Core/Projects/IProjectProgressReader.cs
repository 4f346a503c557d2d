namespace Groundwork.Core.Projects;

public interface IProjectProgressReader
{
    Task<ProjectProgress> ReadAsync(long projectId, CancellationToken cancellationToken);
}
