namespace Groundwork.Core.Users;

/// <summary>
/// What signing in and session checks need about a user: the password hash (null when the user has none and signs in
/// with tokens only) and the security stamp, which changes whenever existing sessions must end (password changed, disabled).
/// </summary>
public sealed record UserCredentials(User User, string? PasswordHash, string SecurityStamp);
