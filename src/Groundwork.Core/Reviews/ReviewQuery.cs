namespace Groundwork.Core.Reviews;

/// <summary>Filters for listing a project's reviews, newest last, after the <see cref="AfterId"/> cursor.</summary>
public sealed record ReviewQuery(
    long? TaskId = null,
    long? AnnotationId = null,
    long? AnnotatorId = null,
    long? ReviewerId = null,
    ReviewDecision? Decision = null,
    long AfterId = 0,
    int Limit = 100);
