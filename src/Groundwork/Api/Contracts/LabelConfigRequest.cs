namespace Groundwork.Api.Contracts;

public sealed record LabelConfigRequest(string? LabelConfig);
