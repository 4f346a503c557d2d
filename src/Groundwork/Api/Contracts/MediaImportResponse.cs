using Groundwork.Formats.Media;

namespace Groundwork.Api.Contracts;

/// <summary>
/// The media part of an import: files that became tasks, blobs uploaded and blobs found stored already (same content),
/// bytes read, and the files skipped (unknown types, hidden files, links), the first 20 named.
/// </summary>
public sealed record MediaImportResponse(long Files, long BlobsStored, long BlobsReused, long Bytes, long SkippedCount, IReadOnlyList<string> Skipped)
{
    public static MediaImportResponse From(MediaImportSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new(summary.Files, summary.BlobsStored, summary.BlobsReused, summary.Bytes, summary.SkippedCount, summary.Skipped);
    }
}
