namespace Groundwork.Core.Tasks;

/// <summary>
/// A page of a project's tasks. Pages are keyset cursors on the task id, so paging stays fast
/// on millions of tasks: pass the last page's <c>NextCursor</c> as <see cref="AfterId"/>.
/// </summary>
public sealed record TaskQuery(
    long ProjectId,
    LabelingTaskStatus? Status = null,
    string? Batch = null,
    string? UniqueId = null,
    bool? HasAnnotations = null,
    long AfterId = 0,
    int Limit = 100);
