namespace Groundwork.Core.Reviews;

/// <summary>
/// A reviewer's decision on an annotation: who decided, what, why (<see cref="Comment"/>, required for a rejection)
/// and when; for <see cref="ReviewDecision.Fixed"/>, <see cref="ResultJson"/> is the corrected Label Studio result.
/// </summary>
public sealed record Review(
    long Id,
    long ProjectId,
    long TaskId,
    long AnnotationId,
    long AnnotatorId,
    long ReviewerId,
    ReviewDecision Decision,
    string? Comment,
    string? ResultJson,
    DateTimeOffset CreatedAt);
