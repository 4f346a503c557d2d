namespace Groundwork.Api.Contracts;

/// <summary>Changes to your own account (<c>PATCH /api/v1/me</c>); a new password needs the current one, if you have one.</summary>
public sealed record MeUpdateRequest(string? Name, string? Password, string? CurrentPassword);
