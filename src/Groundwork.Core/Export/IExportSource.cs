namespace Groundwork.Core.Export;

/// <summary>Reads a project's tasks with their annotations forward-only, in id order, without holding them in memory.</summary>
public interface IExportSource
{
    IAsyncEnumerable<ExportTask> ReadProjectAsync(long projectId, CancellationToken cancellationToken);
}
