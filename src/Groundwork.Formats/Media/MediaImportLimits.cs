namespace Groundwork.Formats.Media;

/// <summary>
/// Bounds on one media import, so a zip bomb or a runaway folder is refused before it fills the disk: how many
/// entries (files and folders) it may have, how many bytes its files may hold together (as declared and as
/// actually inflated), and how large one file may be.
/// </summary>
public sealed record MediaImportLimits(int MaxEntries = 100_000, long MaxTotalBytes = 50L * 1024 * 1024 * 1024, long MaxFileBytes = 4L * 1024 * 1024 * 1024)
{
    public static MediaImportLimits Default { get; } = new();
}
