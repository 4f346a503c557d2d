namespace Groundwork.Core.Annotations;

public interface IAnnotationStore
{
    /// <summary>
    /// Adds the author's annotation to the task, ends the author's lease on it and moves the task along
    /// its lifecycle, in one transaction; on a gold task the answer is scored instead and may pause the
    /// author. Refused (conflict) when the author already annotated the task, the task is canceled,
    /// its annotations plus other annotators' live leases already fill its overlap, or a required lease is missing.
    /// </summary>
    Task<StoreOutcome<Annotation>> CreateAsync(long projectId, long taskId, long authorId, AnnotationDraft draft, AnnotationSubmission submission, CancellationToken cancellationToken);

    Task<IReadOnlyList<Annotation>> ListForTaskAsync(long projectId, long taskId, CancellationToken cancellationToken);

    Task<Annotation?> GetAsync(long projectId, long annotationId, CancellationToken cancellationToken);

    Task<StoreOutcome<Annotation>> UpdateAsync(long projectId, long annotationId, AnnotationDraft draft, CancellationToken cancellationToken);

    /// <summary>Deletes the annotation and moves the task back along its lifecycle.</summary>
    Task<StoreOutcome<Annotation>> DeleteAsync(long projectId, long annotationId, CancellationToken cancellationToken);
}
