namespace Groundwork.Api.Contracts;

public sealed record AnnotatorProgressResponse(
    long UserId, long Annotations, long AnnotationsToday, long Skipped, long LiveLeases, DateTimeOffset? LastAnnotationAt, int GoldAnswered, double? GoldAccuracy);
