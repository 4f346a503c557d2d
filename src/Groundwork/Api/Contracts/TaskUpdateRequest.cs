namespace Groundwork.Api.Contracts;

/// <summary>Changes a task's priority and its own overlap (0 removes it, so the project's overlap applies).</summary>
public sealed record TaskUpdateRequest(int? Priority, int? Overlap);
