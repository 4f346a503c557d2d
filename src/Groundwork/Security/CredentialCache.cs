using System.Collections.Concurrent;
using Groundwork.Core.Users;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace Groundwork.Security;

/// <summary>
/// Remembers verified API tokens and session users briefly, so that authentication does not query the store on every
/// request, and forgets them at once when they change in this process: a revoked token, a user disabled or given a new
/// password. Other server processes sharing the store notice within the cache lifetime.
/// </summary>
public sealed class CredentialCache(IMemoryCache cache)
{
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _userGenerations = new();

    public bool TryGetToken(string tokenHash, out TokenOwner? owner) => cache.TryGetValue(TokenKey(tokenHash), out owner);

    public void SetToken(string tokenHash, TokenOwner owner, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(owner);
        using var entry = cache.CreateEntry(TokenKey(tokenHash));
        entry.Value = owner;
        entry.AbsoluteExpirationRelativeToNow = lifetime;
        entry.AddExpirationToken(UserChangeToken(owner.User.Id));
    }

    public void EvictToken(string tokenHash) => cache.Remove(TokenKey(tokenHash));

    /// <summary>The user's credentials, from the cache when read less than <paramref name="lifetime"/> ago, else from <paramref name="load"/>.</summary>
    public async Task<UserCredentials?> GetCredentialsAsync(long userId, TimeSpan lifetime, Func<long, CancellationToken, Task<UserCredentials?>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        var key = SessionKey(userId);
        if (cache.TryGetValue(key, out UserCredentials? credentials))
        {
            return credentials;
        }

        var changed = UserChangeToken(userId); // taken before reading: a change during the read expires the entry at once
        credentials = await load(userId, cancellationToken);
        if (credentials is not null && lifetime > TimeSpan.Zero)
        {
            using var entry = cache.CreateEntry(key);
            entry.Value = credentials;
            entry.AbsoluteExpirationRelativeToNow = lifetime;
            entry.AddExpirationToken(changed);
        }

        return credentials;
    }

    /// <summary>Forgets everything cached about the user: their session data and all their tokens.</summary>
    public void EvictUser(long userId)
    {
        if (_userGenerations.TryRemove(userId, out var generation))
        {
            generation.Cancel();
            generation.Dispose();
        }

        cache.Remove(SessionKey(userId));
    }

    private CancellationChangeToken UserChangeToken(long userId)
    {
        while (true)
        {
            var generation = _userGenerations.GetOrAdd(userId, _ => new CancellationTokenSource());
            try
            {
                return new CancellationChangeToken(generation.Token);
            }
            catch (ObjectDisposedException)
            {
                _userGenerations.TryRemove(new KeyValuePair<long, CancellationTokenSource>(userId, generation));
            }
        }
    }

    private static string TokenKey(string tokenHash) => "gw:token:" + tokenHash;

    private static string SessionKey(long userId) => "gw:session:" + userId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
