using Groundwork.Core.Tasks;

namespace Groundwork.Api.Contracts;

public sealed record TaskResponse(
    long Id,
    long Project,
    RawJson Data,
    string? UniqueId,
    RawJson? Meta,
    int Priority,
    string? Batch,
    string Status,
    int? Overlap,
    int AnnotationCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static TaskResponse From(LabelingTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new(task.Id, task.ProjectId, new RawJson(task.DataJson), task.UniqueId, RawJson.From(task.MetadataJson), task.Priority, task.Batch, task.Status.ToName(), task.Overlap, task.AnnotationCount, task.CreatedAt, task.UpdatedAt);
    }
}
