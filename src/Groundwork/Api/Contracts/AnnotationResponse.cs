using Groundwork.Core.Annotations;

namespace Groundwork.Api.Contracts;

public sealed record AnnotationResponse(
    long Id,
    long Task,
    long Project,
    long CompletedBy,
    RawJson Result,
    double? LeadTime,
    string Origin,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static AnnotationResponse From(Annotation annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        return new(annotation.Id, annotation.TaskId, annotation.ProjectId, annotation.AuthorId, new RawJson(annotation.ResultJson), annotation.LeadTime, annotation.Origin, annotation.CreatedAt, annotation.UpdatedAt);
    }
}
