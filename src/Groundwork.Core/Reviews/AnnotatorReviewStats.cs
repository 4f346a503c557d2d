namespace Groundwork.Core.Reviews;

/// <summary>
/// How reviewers judged one annotator's work on a project. <see cref="AcceptanceRate"/> is accepted over reviewed:
/// a fixed annotation needed correcting, so it is reviewed but not accepted. Null before any review.
/// </summary>
public sealed record AnnotatorReviewStats(long UserId, long Accepted, long Rejected, long Fixed)
{
    public long Reviewed => Accepted + Rejected + Fixed;

    public double? AcceptanceRate => Reviewed == 0 ? null : (double)Accepted / Reviewed;
}
