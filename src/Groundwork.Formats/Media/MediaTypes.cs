namespace Groundwork.Formats.Media;

/// <summary>
/// The media file types Groundwork takes, by lowercase extension: passive images, audio and video that browsers
/// show inline. Nothing that can carry script (SVG, HTML, XML, PDF, JavaScript) is on the list: such files are
/// skipped by the media import and never served inline.
/// </summary>
public static class MediaTypes
{
    private static readonly Dictionary<string, MediaType> s_types = new(StringComparer.Ordinal)
    {
        [".png"] = new(MediaKind.Image, "image/png"),
        [".jpg"] = new(MediaKind.Image, "image/jpeg"),
        [".jpeg"] = new(MediaKind.Image, "image/jpeg"),
        [".gif"] = new(MediaKind.Image, "image/gif"),
        [".webp"] = new(MediaKind.Image, "image/webp"),
        [".bmp"] = new(MediaKind.Image, "image/bmp"),
        [".avif"] = new(MediaKind.Image, "image/avif"),
        [".wav"] = new(MediaKind.Audio, "audio/wav"),
        [".mp3"] = new(MediaKind.Audio, "audio/mpeg"),
        [".ogg"] = new(MediaKind.Audio, "audio/ogg"),
        [".oga"] = new(MediaKind.Audio, "audio/ogg"),
        [".opus"] = new(MediaKind.Audio, "audio/ogg"),
        [".flac"] = new(MediaKind.Audio, "audio/flac"),
        [".m4a"] = new(MediaKind.Audio, "audio/mp4"),
        [".aac"] = new(MediaKind.Audio, "audio/aac"),
        [".weba"] = new(MediaKind.Audio, "audio/webm"),
        [".mp4"] = new(MediaKind.Video, "video/mp4"),
        [".m4v"] = new(MediaKind.Video, "video/mp4"),
        [".webm"] = new(MediaKind.Video, "video/webm"),
        [".ogv"] = new(MediaKind.Video, "video/ogg"),
    };

    /// <summary>The extensions taken, for messages.</summary>
    public static IReadOnlyCollection<string> Extensions => s_types.Keys;

    /// <summary>The lowercase extension of a path (".png"), or "" when it has none.</summary>
    public static string ExtensionOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var slash = path.LastIndexOf('/');
        var dot = path.LastIndexOf('.');
        return dot > slash + 1 ? path[dot..].ToLowerInvariant() : string.Empty;
    }

    /// <summary>The media type of a file name, or null when Groundwork does not take it.</summary>
    public static MediaType? Of(string path) => s_types.GetValueOrDefault(ExtensionOf(path));
}
