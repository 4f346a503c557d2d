namespace Groundwork.Api.Contracts;

/// <summary>What an import did: <see cref="Created"/> new tasks, <see cref="Skipped"/> whose unique_id existed already.</summary>
public sealed record ImportResponse(long Created, long Skipped, long Annotations, long Predictions, double DurationSeconds);
