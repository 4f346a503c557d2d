namespace Groundwork.Api.Contracts;

/// <summary>Creates or changes a subscription. On create, a missing <c>events</c> means every event; on PATCH, missing fields stay as they are.</summary>
public sealed record WebhookRequest(string? Url, IReadOnlyList<string>? Events, bool? Active);
