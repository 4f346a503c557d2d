namespace Groundwork.Api.Contracts;

/// <summary>Why the annotator skips the task (optional, kept for managers).</summary>
public sealed record SkipRequest(string? Reason);
