namespace Groundwork.Api.Contracts;

/// <summary>Creates a project, or replaces the given fields of one (fields left out keep their value on update).</summary>
public sealed record ProjectRequest(string? Name, string? LabelConfig, string? Instructions, int? Overlap);
