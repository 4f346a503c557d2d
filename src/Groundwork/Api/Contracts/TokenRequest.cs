namespace Groundwork.Api.Contracts;

/// <summary>A new API token (<c>POST /api/v1/me/tokens</c>).</summary>
public sealed record TokenRequest(string? Name);
