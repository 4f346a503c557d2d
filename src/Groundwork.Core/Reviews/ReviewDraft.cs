namespace Groundwork.Core.Reviews;

/// <summary>A decision as a reviewer submits it, already validated (a rejection has a comment, a fix a checked result).</summary>
public sealed record ReviewDraft(ReviewDecision Decision, string? Comment, string? ResultJson);
