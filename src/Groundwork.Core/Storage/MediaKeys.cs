using System.Globalization;

namespace Groundwork.Core.Storage;

/// <summary>
/// How imported media are named. A file is stored once per project under its content: blob key
/// <c>projects/{project}/media/{sha256}{.ext}</c>, referenced from its task as the Groundwork URL
/// <c>/api/v1/projects/{project}/media/{sha256}{.ext}</c> (relative, so it works behind any host name), and the task
/// gets the unique_id <c>sha256:{sha256}</c>, so importing the same bytes again is skipped whatever the file is called.
/// </summary>
public static class MediaKeys
{
    public const string UniqueIdPrefix = "sha256:";

    /// <summary>The media name for a file's SHA-256 (64 lowercase hex digits) and its lowercase extension (".png").</summary>
    public static string Name(string sha256Hex, string extension)
    {
        ArgumentException.ThrowIfNullOrEmpty(sha256Hex);
        ArgumentNullException.ThrowIfNull(extension);
        return sha256Hex + extension;
    }

    /// <summary>Where the blob of a project's media name lives.</summary>
    public static string BlobKey(long projectId, string name) => string.Create(CultureInfo.InvariantCulture, $"projects/{projectId}/media/{name}");

    /// <summary>The URL tasks carry for a project's media name.</summary>
    public static string Url(long projectId, string name) => string.Create(CultureInfo.InvariantCulture, $"/api/v1/projects/{projectId}/media/{name}");

    public static string UniqueId(string sha256Hex) => UniqueIdPrefix + sha256Hex;

    /// <summary>
    /// Whether <paramref name="name"/> is a media name as the importer makes them: 64 lowercase hex digits, then
    /// a dot and 1 to 8 lowercase letters or digits. <paramref name="sha256Hex"/> is its content hash.
    /// </summary>
    public static bool TryParse(string? name, out string sha256Hex)
    {
        sha256Hex = string.Empty;
        if (name is null || name.Length < 66 || name.Length > 73 || name[64] != '.')
        {
            return false;
        }

        for (var i = 0; i < 64; i++)
        {
            if (!char.IsAsciiHexDigitLower(name[i]) && !char.IsAsciiDigit(name[i]))
            {
                return false;
            }
        }

        for (var i = 65; i < name.Length; i++)
        {
            if (!char.IsAsciiLetterLower(name[i]) && !char.IsAsciiDigit(name[i]))
            {
                return false;
            }
        }

        sha256Hex = name[..64];
        return true;
    }
}
