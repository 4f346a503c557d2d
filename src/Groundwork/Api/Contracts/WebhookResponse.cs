using System.Text.Json.Serialization;
using Groundwork.Core.Events;

namespace Groundwork.Api.Contracts;

/// <summary>A subscription. <see cref="Secret"/> is present only in the answer that created or rotated it.</summary>
public sealed record WebhookResponse(
    long Id,
    long ProjectId,
    string Url,
    IReadOnlyList<string> Events,
    bool Active,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret = null)
{
    public static WebhookResponse From(Webhook webhook, string? secret = null)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        return new(webhook.Id, webhook.ProjectId, webhook.Url, webhook.Events, webhook.Active, webhook.CreatedAt, webhook.UpdatedAt, secret);
    }
}
