namespace Groundwork.Core.Export;

/// <summary>
/// One task as an export writer sees it: the raw JSON of its data and metadata (never re-parsed
/// on the way through) and its annotations, in id order. Produced by a forward-only reader.
/// </summary>
public sealed record ExportTask(
    long Id,
    string DataJson,
    string? UniqueId,
    string? MetadataJson,
    int Priority,
    string? Batch,
    string Status,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ExportAnnotation> Annotations)
{
    /// <summary>The task's predictions (model pre-labels), in id order.</summary>
    public IReadOnlyList<ExportPrediction> Predictions { get; init; } = [];

    /// <summary>The task's consensus result (a Label Studio result array) when the quality engine has one.</summary>
    public string? ConsensusJson { get; init; }
}
