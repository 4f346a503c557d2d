using Groundwork.Core.Users;

namespace Groundwork.Api.Contracts;

/// <summary>An API token as listed: never its secret or hash; <see cref="Prefix"/> tells tokens apart.</summary>
public sealed record TokenResponse(long Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public static TokenResponse From(ApiToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new(token.Id, token.Name, token.Prefix, token.CreatedAt, token.LastUsedAt, token.RevokedAt);
    }
}
