namespace Groundwork.Core.Events;

/// <summary>What a manager sets on a subscription: an absolute http(s) URL, known event kinds, active or paused.</summary>
public sealed record WebhookDraft(string Url, IReadOnlyList<string> Events, bool Active);
