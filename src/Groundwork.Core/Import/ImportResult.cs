namespace Groundwork.Core.Import;

/// <summary>What an import did: tasks created, tasks skipped because their unique_id already existed.</summary>
public sealed record ImportResult(long Created, long Skipped, long Annotations, long Predictions);
