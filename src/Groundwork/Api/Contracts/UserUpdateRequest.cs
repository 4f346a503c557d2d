namespace Groundwork.Api.Contracts;

/// <summary>An admin's changes to a user (<c>PATCH /api/v1/users/{id}</c>); fields left out keep their value.</summary>
public sealed record UserUpdateRequest(string? Name, string? Password, bool? IsAdmin, bool? Disabled);
