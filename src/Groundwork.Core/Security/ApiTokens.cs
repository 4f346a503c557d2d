using System.Security.Cryptography;
using System.Text;

namespace Groundwork.Core.Security;

/// <summary>
/// Making and checking API tokens. A token is 32 random bytes (256 bits) in URL-safe base64
/// behind a <c>gw_</c> prefix. Because tokens are long and random, a single SHA-256 is the
/// right hash (a slow password hash would add nothing but latency to every request).
/// </summary>
public static class ApiTokens
{
    public const string Prefix = "gw_";

    /// <summary>Fewest characters a caller-chosen bootstrap token may have.</summary>
    public const int MinimumLength = 24;

    public static string Generate()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return Prefix + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>The first characters of a token, safe to show and store so people can tell tokens apart.</summary>
    public static string DisplayPrefix(string token) => token.Length <= 8 ? string.Empty : token[..8];
}
