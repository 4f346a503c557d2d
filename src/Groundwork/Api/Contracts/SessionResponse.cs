namespace Groundwork.Api.Contracts;

/// <summary>The signed-in user and a fresh anti-forgery token to send as <c>X-CSRF-Token</c> on unsafe requests.</summary>
public sealed record SessionResponse(UserResponse User, string CsrfToken);
