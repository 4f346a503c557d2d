namespace Groundwork.Api.Contracts;

/// <summary>
/// One annotator's work on a project. Review counts: <c>reviewed</c> = <c>accepted</c> + <c>rejected</c> + <c>fixed</c>;
/// <c>acceptance_rate</c> is accepted over reviewed (null before any review).
/// </summary>
public sealed record AnnotatorProgressResponse(
    long UserId, long Annotations, long AnnotationsToday, long Skipped, long LiveLeases, DateTimeOffset? LastAnnotationAt, int GoldAnswered, double? GoldAccuracy,
    long Reviewed = 0, long Accepted = 0, long Rejected = 0, long Fixed = 0, double? AcceptanceRate = null);
