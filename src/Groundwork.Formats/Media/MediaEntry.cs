namespace Groundwork.Formats.Media;

/// <summary>One file of a media source: its relative, slash-separated path and the size it declares.</summary>
public sealed record MediaEntry(string Path, long Length);
