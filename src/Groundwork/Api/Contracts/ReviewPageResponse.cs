namespace Groundwork.Api.Contracts;

/// <summary>A page of reviews in id order; pass <c>next_cursor</c> as <c>cursor</c> for the next (null on the last page).</summary>
public sealed record ReviewPageResponse(IReadOnlyList<ReviewResponse> Items, long? NextCursor);
