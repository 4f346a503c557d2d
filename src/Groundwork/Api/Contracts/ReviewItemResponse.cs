namespace Groundwork.Api.Contracts;

/// <summary>
/// What the review queue hands a reviewer: the annotation, its task, the task's other annotations and consensus
/// (when the quality engine has one), and until when the review lease keeps it from other reviewers.
/// </summary>
public sealed record ReviewItemResponse(
    AnnotationResponse Annotation,
    TaskResponse Task,
    DateTimeOffset ExpiresAt,
    ConsensusResponse? Consensus,
    IReadOnlyList<AnnotationResponse> OtherAnnotations);
