namespace Groundwork.Core.Tasks;

/// <summary>One item to label. <see cref="DataJson"/> and <see cref="MetadataJson"/> are raw JSON objects.</summary>
public sealed record LabelingTask(
    long Id,
    long ProjectId,
    string DataJson,
    string? UniqueId,
    string? MetadataJson,
    int Priority,
    string? Batch,
    LabelingTaskStatus Status,
    int? Overlap,
    int AnnotationCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Live leases on the task: annotators working on it now. Annotations plus these never exceed the overlap.</summary>
    public int LeaseCount { get; init; }
}
