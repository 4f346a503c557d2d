namespace Groundwork.Core.Events;

/// <summary>A project's webhook subscription. The signing secret is never part of it: see <see cref="IWebhookStore"/>.</summary>
public sealed record Webhook(
    long Id,
    long ProjectId,
    string Url,
    IReadOnlyList<string> Events,
    bool Active,
    long? CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
