namespace Groundwork.Api.Contracts;

/// <summary>A model's proposed result (pre-label) for a task.</summary>
public sealed record PredictionResponse(long Id, RawJson Result, string? ModelVersion, double? Score);
