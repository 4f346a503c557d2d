namespace Groundwork.Core.Reviews;

/// <summary>The review queue and reviewers' decisions.</summary>
public interface IReviewStore
{
    /// <summary>
    /// The next annotation for the reviewer under the project's review policy, held for them by a review lease of
    /// the project's lease time: never their own, never one already reviewed, never one another reviewer holds.
    /// A reviewer who already holds one gets it again (its lease renewed). Null when there is nothing to review.
    /// </summary>
    Task<ReviewItem?> NextAsync(long projectId, long reviewerId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the decision on the annotation and moves its task along its lifecycle (a rejection takes the
    /// annotation out of the task's overlap), audited and emitted as <c>review.decided</c>, in one transaction.
    /// Refused when the annotation is the reviewer's own (forbidden), is already reviewed, is held by another
    /// reviewer, or belongs to a gold or canceled task (conflict).
    /// </summary>
    Task<Groundwork.Core.StoreOutcome<DecidedReview>> DecideAsync(long projectId, long annotationId, long reviewerId, ReviewDraft draft, CancellationToken cancellationToken);

    /// <summary>The project's reviews matching the query, in id order.</summary>
    Task<IReadOnlyList<Review>> ListAsync(long projectId, ReviewQuery query, CancellationToken cancellationToken);

    /// <summary>Review counts per annotator (those with at least one reviewed annotation), by user id.</summary>
    Task<IReadOnlyList<AnnotatorReviewStats>> StatsAsync(long projectId, CancellationToken cancellationToken);

    /// <summary>How many annotations the policy still offers, and the decisions so far.</summary>
    Task<ReviewSummary?> SummaryAsync(long projectId, CancellationToken cancellationToken);
}
