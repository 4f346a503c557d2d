namespace Groundwork.Formats.Media;

/// <summary>What a media file is, which decides the object tag (and so the task data key) it fills.</summary>
public enum MediaKind
{
    Image,
    Audio,
    Video,
}
