namespace Groundwork.Core.Tasks;

/// <summary>One page of tasks; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record TaskPage(IReadOnlyList<LabelingTask> Items, long? NextCursor);
