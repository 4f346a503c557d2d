using System.ComponentModel.DataAnnotations;
using Groundwork.Formats.Media;

namespace Groundwork.Hosting;

/// <summary>Bounds on media imports (zips and folders). Bound from <c>Groundwork:Media</c>.</summary>
public sealed class MediaOptions
{
    public const string Section = "Groundwork:Media";

    /// <summary>Most entries (files and folders) one zip or folder may have; default 100,000.</summary>
    [Range(1, int.MaxValue)]
    public int MaxEntries { get; set; } = MediaImportLimits.Default.MaxEntries;

    /// <summary>Most bytes the files of one import may hold together, inflated; default 50 GiB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxTotalBytes { get; set; } = MediaImportLimits.Default.MaxTotalBytes;

    /// <summary>Largest single media file; default 4 GiB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = MediaImportLimits.Default.MaxFileBytes;

    public MediaImportLimits Limits => new(MaxEntries, MaxTotalBytes, MaxFileBytes);
}
