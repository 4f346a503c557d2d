namespace Groundwork.Core.Users;

/// <summary>A person who signs in. Admins manage the whole organisation. A disabled user can neither sign in nor use tokens.</summary>
public sealed record User(long Id, string Email, string Name, bool IsAdmin, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt = null)
{
    public bool IsDisabled => DisabledAt is not null;
}
