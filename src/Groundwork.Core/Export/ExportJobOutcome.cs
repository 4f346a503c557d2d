namespace Groundwork.Core.Export;

/// <summary>How a claimed job ended: the stored file (on success) or what went wrong.</summary>
public sealed record ExportJobOutcome(
    bool Succeeded,
    string? BlobKey,
    string? FileName,
    string? ContentType,
    long Bytes,
    long Tasks,
    string? Error)
{
    public static ExportJobOutcome Success(string blobKey, string fileName, string contentType, long bytes, long tasks) =>
        new(true, blobKey, fileName, contentType, bytes, tasks, null);

    public static ExportJobOutcome Failure(string error, long tasks, long bytes) => new(false, null, null, null, bytes, tasks, error);
}
