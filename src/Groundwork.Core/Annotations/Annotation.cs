namespace Groundwork.Core.Annotations;

/// <summary>One annotator's answer to one task. <see cref="ResultJson"/> is the Label Studio result array.</summary>
public sealed record Annotation(
    long Id,
    long TaskId,
    long ProjectId,
    long AuthorId,
    string ResultJson,
    double? LeadTime,
    string Origin,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The review decision on it (<c>accepted</c>, <c>rejected</c>, <c>fixed</c>), or null while unreviewed.</summary>
    public string? ReviewState { get; init; }

    /// <summary>For a fixed annotation, the reviewer's corrected result: the accepted answer (<see cref="ResultJson"/> keeps the original).</summary>
    public string? FixedResultJson { get; init; }

    /// <summary>Whether a review rejected it: it no longer counts toward its task's overlap.</summary>
    public bool IsRejected => ReviewState == Reviews.ReviewDecisionNames.Rejected;

    /// <summary>The accepted answer: the reviewer's fix when there is one, else the annotator's result.</summary>
    public string AcceptedResultJson => FixedResultJson ?? ResultJson;
}
