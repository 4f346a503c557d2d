using Groundwork.Core;
using Groundwork.Core.Users;

namespace Groundwork.Security;

/// <summary>
/// Account changes that have security consequences, in one place: checking a password at sign-in, and changing a user
/// so that caches forget what they knew (a new password or a disabled user ends sessions and, when disabled, tokens).
/// Never logs a password, a hash or an email that failed to sign in.
/// </summary>
public sealed partial class AccountService(IUserStore users, Passwords passwords, CredentialCache cache, ILogger<AccountService> logger)
{
    /// <summary>
    /// The user's credentials when <paramref name="password"/> is theirs and they may sign in; null otherwise (unknown
    /// email, no password set, disabled, wrong password), taking the same time in every case.
    /// </summary>
    public async Task<UserCredentials?> VerifyAsync(string email, string password, CancellationToken cancellationToken)
    {
        var credentials = await users.GetCredentialsByEmailAsync(email, cancellationToken);
        var check = passwords.Verify(credentials?.PasswordHash, password);
        if (credentials is null || check == PasswordCheck.Failed || credentials.User.IsDisabled)
        {
            LogSignInFailed(logger);
            return null;
        }

        if (check == PasswordCheck.SuccessRehashNeeded)
        {
            // Same password, stronger hash: the stamp does not change, so no session ends.
            await users.UpdateAsync(credentials.User.Id, new UserChanges(PasswordHash: passwords.Hash(password)), cancellationToken);
            credentials = await users.GetCredentialsAsync(credentials.User.Id, cancellationToken) ?? credentials;
        }

        LogSignedIn(logger, credentials.User.Id);
        return credentials;
    }

    /// <summary>True when <paramref name="password"/> is the user's current password.</summary>
    public async Task<bool> IsCurrentPasswordAsync(long userId, string password, CancellationToken cancellationToken)
    {
        var credentials = await users.GetCredentialsAsync(userId, cancellationToken);
        return passwords.Verify(credentials?.PasswordHash, password) != PasswordCheck.Failed;
    }

    /// <summary>Whether the user has a password at all (a token-only user does not).</summary>
    public async Task<bool> HasPasswordAsync(long userId, CancellationToken cancellationToken) =>
        (await users.GetCredentialsAsync(userId, cancellationToken))?.PasswordHash is not null;

    /// <summary>Applies the changes (hashing a new password) and forgets cached sessions and tokens of the user.</summary>
    public async Task<StoreOutcome<User>> UpdateAsync(long userId, string? name, bool? isAdmin, bool? disabled, string? newPassword, CancellationToken cancellationToken)
    {
        var changes = new UserChanges(name, isAdmin, disabled, newPassword is null ? null : passwords.Hash(newPassword));
        var outcome = await users.UpdateAsync(userId, changes, cancellationToken);
        if (outcome.Succeeded)
        {
            cache.EvictUser(userId);
            if (changes.PasswordHash is not null)
            {
                LogPasswordChanged(logger, userId);
            }

            if (disabled is { } value)
            {
                LogDisabledChanged(logger, userId, value);
            }
        }

        return outcome;
    }

    /// <summary>Creates a user, hashing the password when there is one; null when the email is taken.</summary>
    public async Task<User?> CreateAsync(string email, string name, bool isAdmin, string? password, CancellationToken cancellationToken)
    {
        var user = await users.CreateAsync(email, name, isAdmin, password is null ? null : passwords.Hash(password), cancellationToken);
        if (user is not null)
        {
            LogUserCreated(logger, user.Id, isAdmin);
        }

        return user;
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "User {UserId} signed in")]
    private static partial void LogSignedIn(ILogger logger, long userId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Sign-in failed: unknown email, wrong password or disabled user")]
    private static partial void LogSignInFailed(ILogger logger);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "User {UserId} has a new password; their sessions have ended")]
    private static partial void LogPasswordChanged(ILogger logger, long userId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "User {UserId} disabled: {Disabled}")]
    private static partial void LogDisabledChanged(ILogger logger, long userId, bool disabled);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "User {UserId} created (admin: {IsAdmin})")]
    private static partial void LogUserCreated(ILogger logger, long userId, bool isAdmin);
}
