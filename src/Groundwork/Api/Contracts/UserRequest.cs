namespace Groundwork.Api.Contracts;

/// <summary>A new user (<c>POST /api/v1/users</c>). Without a password the user can only use API tokens.</summary>
public sealed record UserRequest(string? Email, string? Name, string? Password, bool? IsAdmin);
