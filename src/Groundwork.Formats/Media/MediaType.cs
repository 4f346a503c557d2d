namespace Groundwork.Formats.Media;

/// <summary>A file type Groundwork imports and serves inline: its kind and the content type it is served with.</summary>
public sealed record MediaType(MediaKind Kind, string ContentType);
