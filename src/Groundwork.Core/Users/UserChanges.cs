namespace Groundwork.Core.Users;

/// <summary>
/// Changes to a user; null fields keep their value. A new <see cref="PasswordHash"/> or <see cref="Disabled"/> = true
/// gives the user a new security stamp, which ends their existing sessions.
/// </summary>
public sealed record UserChanges(string? Name = null, bool? IsAdmin = null, bool? Disabled = null, string? PasswordHash = null)
{
    public bool EndsSessions => PasswordHash is not null || Disabled == true;
}
