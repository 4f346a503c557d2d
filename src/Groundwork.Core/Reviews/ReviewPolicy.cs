namespace Groundwork.Core.Reviews;

/// <summary>Which annotations a project's review queue offers to reviewers. See <see cref="ProjectReviewSettings"/>.</summary>
public enum ReviewPolicy
{
    /// <summary>No review queue (reviewers and managers may still decide on any annotation directly).</summary>
    None = 0,

    /// <summary>Every annotation (of ordinary tasks), as it arrives.</summary>
    All = 1,

    /// <summary>The annotations of completed tasks whose consensus confidence is below the review threshold.</summary>
    Uncertain = 2,
}
