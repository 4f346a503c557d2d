namespace Groundwork.Core.Users;

/// <summary>A person who signs in. Admins manage the whole organisation.</summary>
public sealed record User(long Id, string Email, string Name, bool IsAdmin, DateTimeOffset CreatedAt);
