namespace Groundwork.Formats.Media;

/// <summary>
/// What a media import read: files that became tasks, how many blobs it uploaded and how many it found stored
/// already (same content), their bytes, and the files it skipped (unknown types, hidden files, links; the first
/// <see cref="MediaImporter.MaxListedSkips"/> are named).
/// </summary>
public sealed record MediaImportSummary(long Files, long BlobsStored, long BlobsReused, long Bytes, long SkippedCount, IReadOnlyList<string> Skipped);
