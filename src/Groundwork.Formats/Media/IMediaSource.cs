namespace Groundwork.Formats.Media;

/// <summary>
/// Where media files come from (a zip archive, a folder), already checked: every path is relative and stays inside
/// the source, links are not followed. Files are opened one at a time and read as streams.
/// </summary>
public interface IMediaSource : IDisposable
{
    /// <summary>The files, in a stable order.</summary>
    IReadOnlyList<MediaEntry> Entries { get; }

    /// <summary>Files passed over without being opened (hidden or system files, links), for the import's report.</summary>
    IReadOnlyList<string> Passed { get; }

    Stream Open(MediaEntry entry);
}
