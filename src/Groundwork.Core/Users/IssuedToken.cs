namespace Groundwork.Core.Users;

/// <summary>A token just created: the only moment its secret value exists outside the caller.</summary>
public sealed record IssuedToken(ApiToken Token, string Secret);
