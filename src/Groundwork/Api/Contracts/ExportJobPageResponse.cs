namespace Groundwork.Api.Contracts;

/// <summary>Export jobs newest first; pass <see cref="NextCursor"/> as <c>cursor</c> for older ones (null on the last page).</summary>
public sealed record ExportJobPageResponse(IReadOnlyList<ExportJobResponse> Items, long? NextCursor);
