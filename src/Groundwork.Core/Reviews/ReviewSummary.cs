namespace Groundwork.Core.Reviews;

/// <summary>A project's review queue at a glance: annotations the policy still offers (<see cref="Pending"/>), and decisions so far.</summary>
public sealed record ReviewSummary(ProjectReviewSettings Settings, long Pending, long Accepted, long Rejected, long Fixed);
