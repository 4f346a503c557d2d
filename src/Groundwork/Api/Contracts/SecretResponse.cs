namespace Groundwork.Api.Contracts;

/// <summary>A signing secret in the clear, for a project manager to configure a receiver with.</summary>
public sealed record SecretResponse(string Secret);
