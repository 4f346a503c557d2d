namespace Groundwork.Core.Users;

public interface IUserStore
{
    Task<long> CountAsync(CancellationToken cancellationToken);

    Task<User?> GetByEmailAsync(string email, CancellationToken cancellationToken);

    Task<User?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>Every user, oldest first.</summary>
    Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The oldest admin, or null on an empty store.</summary>
    Task<User?> GetFirstAdminAsync(CancellationToken cancellationToken);

    /// <summary>Creates the user (without a password), or returns null when the email is taken.</summary>
    Task<User?> CreateAsync(string email, string name, bool isAdmin, CancellationToken cancellationToken);

    /// <summary>Creates the user, or returns null when the email is taken. <paramref name="passwordHash"/> is null for a token-only user.</summary>
    Task<User?> CreateAsync(string email, string name, bool isAdmin, string? passwordHash, CancellationToken cancellationToken);

    /// <summary>The user with the password hash and security stamp, by email (case-insensitive).</summary>
    Task<UserCredentials?> GetCredentialsByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>The user with the password hash and security stamp, by id.</summary>
    Task<UserCredentials?> GetCredentialsAsync(long id, CancellationToken cancellationToken);

    /// <summary>Applies the changes; not found when the user does not exist.</summary>
    Task<StoreOutcome<User>> UpdateAsync(long id, UserChanges changes, CancellationToken cancellationToken);

    /// <summary>Stores a token whose hash is <paramref name="tokenHash"/>.</summary>
    Task<ApiToken> AddTokenAsync(long userId, string name, string prefix, string tokenHash, CancellationToken cancellationToken);

    /// <summary>The user owning a live (not revoked) token with this hash, or null.</summary>
    Task<User?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>The live (not revoked) token with this hash and its user, or null; null as well when the user is disabled.</summary>
    Task<TokenOwner?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>A user's tokens, revoked ones included, oldest first. Never their hashes.</summary>
    Task<IReadOnlyList<ApiToken>> ListTokensAsync(long userId, CancellationToken cancellationToken);

    /// <summary>
    /// Revokes one of the user's tokens (revoking a revoked token changes nothing) and returns its hash so caches
    /// can forget it; not found when the user has no such token.
    /// </summary>
    Task<StoreOutcome<string>> RevokeTokenAsync(long userId, long tokenId, CancellationToken cancellationToken);

    /// <summary>Records that the token was used at <paramref name="at"/>.</summary>
    Task TouchTokenAsync(long tokenId, DateTimeOffset at, CancellationToken cancellationToken);
}
