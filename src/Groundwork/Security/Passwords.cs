using Groundwork.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace Groundwork.Security;

/// <summary>
/// Password hashing with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2 with HMAC-SHA512, a random
/// salt and 100,000 iterations in its current format), and the password policy.
/// </summary>
public sealed class Passwords
{
    /// <summary>Fewest characters a password may have.</summary>
    public const int MinimumLength = 10;

    /// <summary>Most characters a password may have (bounds the work a request can cause).</summary>
    public const int MaximumLength = 1024;

    private readonly PasswordHasher<User> _hasher = new();
    private readonly Lazy<string> _dummyHash;

    public Passwords()
    {
        _dummyHash = new Lazy<string>(() => Hash("groundwork-dummy-password-for-timing"));
    }

    /// <summary>Why the password is not acceptable, or null when it is.</summary>
    public static string? Check(string? password) => password switch
    {
        null or "" => "A password is required.",
        { Length: < MinimumLength } => $"A password needs at least {MinimumLength} characters.",
        { Length: > MaximumLength } => $"A password may have at most {MaximumLength} characters.",
        _ when string.IsNullOrWhiteSpace(password) => "A password cannot be only spaces.",
        _ => null,
    };

    public string Hash(string password) => _hasher.HashPassword(null!, password);

    /// <summary>
    /// Checks <paramref name="password"/> against <paramref name="hash"/>. With no hash (unknown user, or a user without a
    /// password) a dummy hash is checked instead, so a failure takes as long whether or not the account exists.
    /// </summary>
    public PasswordCheck Verify(string? hash, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length > MaximumLength)
        {
            return PasswordCheck.Failed;
        }

        var result = _hasher.VerifyHashedPassword(null!, hash ?? _dummyHash.Value, password);
        return hash is null ? PasswordCheck.Failed : result switch
        {
            PasswordVerificationResult.Success => PasswordCheck.Success,
            PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SuccessRehashNeeded,
            _ => PasswordCheck.Failed,
        };
    }
}
