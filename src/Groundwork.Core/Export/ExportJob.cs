namespace Groundwork.Core.Export;

/// <summary>
/// A background export of one project: what was asked (<see cref="Format"/>, <see cref="Annotations"/>),
/// where it is (<see cref="State"/>, one of <see cref="ExportJobStates"/>), how far it got, and, once it has
/// succeeded, the finished file in the blob store (<see cref="BlobKey"/>, <see cref="FileName"/>,
/// <see cref="ContentType"/>). <see cref="TasksTotal"/> is counted when the job starts; on success it is the
/// number of tasks the export read. <see cref="Attempts"/> counts the claims a worker took on it.
/// </summary>
public sealed record ExportJob(
    long Id,
    long ProjectId,
    string Format,
    string Annotations,
    string State,
    long TasksWritten,
    long? TasksTotal,
    long Bytes,
    string? FileName,
    string? ContentType,
    string? BlobKey,
    string? Error,
    int Attempts,
    long? CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    /// <summary>Whether the job has ended, well or badly.</summary>
    public bool IsFinished => State is ExportJobStates.Succeeded or ExportJobStates.Failed;
}
