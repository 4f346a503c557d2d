namespace Groundwork.Core.Projects;

/// <summary>Reads the dashboard's series for a project: activity per UTC day, throughput per annotator and the consensus label distribution.</summary>
public interface IProjectStatsReader
{
    /// <summary>The last <paramref name="days"/> UTC days up to today, every day present (zeros where nothing happened).</summary>
    Task<ProjectStats> ReadAsync(long projectId, int days, CancellationToken cancellationToken);
}
