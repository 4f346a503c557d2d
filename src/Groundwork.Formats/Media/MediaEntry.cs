namespace Groundwork.Formats.Media;

/// <summary>
/// One file of a media source: its relative, slash-separated path, the size it declares, and for a zip entry the
/// CRC-32 its archive records, which the bytes read must match.
/// </summary>
public sealed record MediaEntry(string Path, long Length, uint? Crc32 = null);
