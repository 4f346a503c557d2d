using System.Globalization;
using Groundwork.Core.Annotations;

namespace Groundwork.Core.Events;

/// <summary>
/// One change to record: always an audit event (<see cref="Action"/> on <see cref="SubjectType"/>
/// <see cref="SubjectId"/>, with <see cref="DetailsJson"/>), and, when <see cref="Action"/> is one of
/// <see cref="EventKinds"/> and the project has subscribers, an outbox delivery to each whose payload
/// <c>data</c> is <see cref="PayloadJson"/> (a JSON object). JSON fields are raw, valid JSON text.
/// </summary>
public sealed record ChangeEvent(
    string Action,
    long? ProjectId,
    string SubjectType,
    string? SubjectId,
    string? DetailsJson = null,
    string? PayloadJson = null)
{
    /// <summary>Whether the change is a webhook event (and so may go to subscribers).</summary>
    public bool IsWebhookEvent => ProjectId is not null && EventKinds.IsKnown(Action);

    /// <summary>A task event (<c>task.completed</c> ...) audited on the task, with no payload of its own.</summary>
    public static ChangeEvent ForTask(string kind, long projectId, long taskId) =>
        new(kind, projectId, "task", taskId.ToString(CultureInfo.InvariantCulture));

    /// <summary>An annotation.* event (or <c>review.decided</c>): audited with its task and author, delivered with the whole annotation.</summary>
    public static ChangeEvent ForAnnotation(string kind, Annotation annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        return new ChangeEvent(
            kind,
            annotation.ProjectId,
            "annotation",
            annotation.Id.ToString(CultureInfo.InvariantCulture),
            EventPayloads.Details(("task_id", annotation.TaskId), ("author_id", annotation.AuthorId)),
            EventPayloads.Annotation(annotation));
    }
}
