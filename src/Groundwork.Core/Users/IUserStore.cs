namespace Groundwork.Core.Users;

public interface IUserStore
{
    Task<long> CountAsync(CancellationToken cancellationToken);

    Task<User?> GetByEmailAsync(string email, CancellationToken cancellationToken);

    Task<User?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>The oldest admin, or null on an empty store.</summary>
    Task<User?> GetFirstAdminAsync(CancellationToken cancellationToken);

    /// <summary>Creates the user, or returns null when the email is taken.</summary>
    Task<User?> CreateAsync(string email, string name, bool isAdmin, CancellationToken cancellationToken);

    /// <summary>Stores a token whose hash is <paramref name="tokenHash"/>.</summary>
    Task<ApiToken> AddTokenAsync(long userId, string name, string prefix, string tokenHash, CancellationToken cancellationToken);

    /// <summary>The user owning a live (not revoked) token with this hash, or null.</summary>
    Task<User?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken);
}
