namespace Groundwork.Core.Events;

/// <summary>
/// The event vocabulary webhooks subscribe to. Each is also the audit action of the change it reports.
/// <c>review.decided</c> is emitted by the review store with each decision; <c>export.finished</c> and <c>model.trained</c> by the features that own them.
/// </summary>
public static class EventKinds
{
    public const string TaskCreated = "task.created";
    public const string TaskCompleted = "task.completed";
    public const string AnnotationCreated = "annotation.created";
    public const string AnnotationUpdated = "annotation.updated";
    public const string AnnotationDeleted = "annotation.deleted";
    public const string ReviewDecided = "review.decided";
    public const string ExportFinished = "export.finished";
    public const string ModelTrained = "model.trained";

    /// <summary>Sent only by the ping route, to the one subscription pinged; nobody subscribes to it.</summary>
    public const string Ping = "ping";

    /// <summary>Every kind a subscription may ask for, in documentation order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        TaskCreated, TaskCompleted, AnnotationCreated, AnnotationUpdated, AnnotationDeleted, ReviewDecided, ExportFinished, ModelTrained,
    ];

    public static bool IsKnown(string kind) => All.Contains(kind, StringComparer.Ordinal);
}
