namespace Groundwork.Api.Contracts;

/// <summary>A page of consensus by task id; pass <see cref="NextCursor"/> as <c>cursor</c> for the next page (null on the last).</summary>
public sealed record ConsensusPageResponse(IReadOnlyList<ConsensusResponse> Items, long? NextCursor);
