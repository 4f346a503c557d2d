namespace Groundwork.Api.Contracts;

/// <summary>Deliveries newest first; pass <see cref="NextCursor"/> as <c>cursor</c> for older ones (null on the last page).</summary>
public sealed record DeliveryPageResponse(IReadOnlyList<DeliveryResponse> Items, long? NextCursor);
