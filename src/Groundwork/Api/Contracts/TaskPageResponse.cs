namespace Groundwork.Api.Contracts;

/// <summary>A page of tasks; pass <see cref="NextCursor"/> as <c>cursor</c> for the next page (null on the last).</summary>
public sealed record TaskPageResponse(IReadOnlyList<TaskResponse> Items, long? NextCursor);
