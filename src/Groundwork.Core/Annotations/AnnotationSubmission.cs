namespace Groundwork.Core.Annotations;

/// <summary>
/// How an annotation arrives: under which lease (null: the author's live lease on the task, if any) and
/// whether a lease is required (annotators work only on tasks the queue leased to them).
/// </summary>
public sealed record AnnotationSubmission(long? LeaseId, bool LeaseRequired)
{
    public static AnnotationSubmission Direct { get; } = new(null, false);
}
