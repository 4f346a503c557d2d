namespace Groundwork.Api.Contracts;

public sealed record HealthResponse(string Status, string Store);
