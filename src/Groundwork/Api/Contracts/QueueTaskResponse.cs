using Groundwork.Core.Tasks;

namespace Groundwork.Api.Contracts;

/// <summary>A task as an annotator sees it in the queue: what to label, and nothing about others' work or gold.</summary>
public sealed record QueueTaskResponse(long Id, long Project, RawJson Data, string? UniqueId, RawJson? Meta, string? Batch)
{
    public static QueueTaskResponse From(LabelingTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new(task.Id, task.ProjectId, new RawJson(task.DataJson), task.UniqueId, RawJson.From(task.MetadataJson), task.Batch);
    }
}
