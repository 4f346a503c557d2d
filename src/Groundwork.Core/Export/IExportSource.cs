namespace Groundwork.Core.Export;

/// <summary>Reads a project's tasks with their annotations forward-only, in id order, without holding them in memory.</summary>
public interface IExportSource
{
    /// <summary>The project's tasks with their annotations, less those a review rejected; a fixed annotation carries the reviewer's fix.</summary>
    IAsyncEnumerable<ExportTask> ReadProjectAsync(long projectId, CancellationToken cancellationToken);

    /// <summary>As <see cref="ReadProjectAsync(long, CancellationToken)"/>; with <paramref name="includeRejected"/>, rejected annotations too (their review state says so).</summary>
    IAsyncEnumerable<ExportTask> ReadProjectAsync(long projectId, bool includeRejected, CancellationToken cancellationToken);
}
