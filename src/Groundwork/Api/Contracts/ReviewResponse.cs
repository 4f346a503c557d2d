using Groundwork.Core.Reviews;

namespace Groundwork.Api.Contracts;

/// <summary>A stored review decision; <c>result</c> is the reviewer's fix (null unless fixed). <c>task_status</c> is set on the answer to a decision.</summary>
public sealed record ReviewResponse(
    long Id,
    long Annotation,
    long Task,
    long Project,
    long AnnotatorId,
    long ReviewerId,
    string Decision,
    string? Comment,
    RawJson? Result,
    DateTimeOffset CreatedAt,
    string? TaskStatus = null)
{
    public static ReviewResponse From(Review review, string? taskStatus = null)
    {
        ArgumentNullException.ThrowIfNull(review);
        return new(review.Id, review.AnnotationId, review.TaskId, review.ProjectId, review.AnnotatorId, review.ReviewerId,
            review.Decision.ToName(), review.Comment, RawJson.From(review.ResultJson), review.CreatedAt, taskStatus);
    }
}
