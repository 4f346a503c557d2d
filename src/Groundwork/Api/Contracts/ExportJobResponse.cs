using Groundwork.Core.Export;

namespace Groundwork.Api.Contracts;

/// <summary>An export job. <see cref="DownloadUrl"/> is set once it has succeeded; <see cref="Error"/> says why it failed.</summary>
public sealed record ExportJobResponse(
    long Id,
    long ProjectId,
    string Format,
    string Annotations,
    string State,
    ExportJobProgressResponse Progress,
    long Bytes,
    string? FileName,
    string? Error,
    int Attempts,
    long? CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? DownloadUrl)
{
    public static ExportJobResponse From(ExportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new(
            job.Id,
            job.ProjectId,
            job.Format,
            job.Annotations,
            job.State,
            new ExportJobProgressResponse(job.TasksWritten, job.TasksTotal),
            job.Bytes,
            job.FileName,
            job.Error,
            job.Attempts,
            job.CreatedBy,
            job.CreatedAt,
            job.StartedAt,
            job.FinishedAt,
            job.State == ExportJobStates.Succeeded ? ExportJobPayload.DownloadPath(job.ProjectId, job.Id) : null);
    }
}
