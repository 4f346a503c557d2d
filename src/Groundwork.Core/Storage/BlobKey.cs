namespace Groundwork.Core.Storage;

/// <summary>
/// The rules every blob key follows, whatever the store: 1 to 1024 characters, relative, slash-separated
/// segments of letters, digits and <c>- _ . ~ +</c>, no empty, <c>.</c> or <c>..</c> segment. So a key
/// can never name a path outside the store, on disk or in a bucket.
/// </summary>
public static class BlobKey
{
    public const int MaxLength = 1024;

    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength)
        {
            return false;
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0 || segment == "." || segment == "..")
            {
                return false;
            }

            foreach (var c in segment)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or '+'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="key"/> is valid.</summary>
    public static void Check(string key)
    {
        if (!IsValid(key))
        {
            throw new ArgumentException($"'{key}' is not a valid blob key: relative slash-separated segments of [A-Za-z0-9-_.~+], no '.' or '..'", nameof(key));
        }
    }
}
