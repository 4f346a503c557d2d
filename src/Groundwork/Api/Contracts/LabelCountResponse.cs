namespace Groundwork.Api.Contracts;

/// <summary>The number of tasks whose consensus label is <c>label</c>.</summary>
public sealed record LabelCountResponse(string Label, long Tasks);
