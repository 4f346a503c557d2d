namespace Groundwork.Core.Users;

/// <summary>A named, revocable API token. Only its hash is stored; <see cref="Prefix"/> helps people tell tokens apart.</summary>
public sealed record ApiToken(long Id, long UserId, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);
