namespace Groundwork.Api.Contracts;

/// <summary>Credentials for <c>POST /api/v1/auth/sign-in</c>.</summary>
public sealed record SignInRequest(string? Email, string? Password);
