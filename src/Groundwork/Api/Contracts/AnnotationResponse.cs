using Groundwork.Core.Annotations;

namespace Groundwork.Api.Contracts;

/// <summary>An annotation; <c>review_state</c> is the review decision (null while unreviewed), <c>fixed_result</c> a reviewer's fix.</summary>
public sealed record AnnotationResponse(
    long Id,
    long Task,
    long Project,
    long CompletedBy,
    RawJson Result,
    double? LeadTime,
    string Origin,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? ReviewState = null,
    RawJson? FixedResult = null)
{
    public static AnnotationResponse From(Annotation annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        return new(annotation.Id, annotation.TaskId, annotation.ProjectId, annotation.AuthorId, new RawJson(annotation.ResultJson), annotation.LeadTime, annotation.Origin, annotation.CreatedAt, annotation.UpdatedAt,
            annotation.ReviewState, RawJson.From(annotation.FixedResultJson));
    }
}
