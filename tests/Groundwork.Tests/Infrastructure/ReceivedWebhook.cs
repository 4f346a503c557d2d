using System.Text;
using System.Text.Json.Nodes;
using Groundwork.Core.Events;

namespace Groundwork.Tests.Infrastructure;

/// <summary>One request a <see cref="WebhookReceiver"/> got.</summary>
public sealed record ReceivedWebhook(string Path, string Event, string DeliveryId, string Signature, byte[] Body, int AnsweredWith)
{
    public JsonNode Json => JsonNode.Parse(Encoding.UTF8.GetString(Body))!;

    /// <summary>Checks the signature the way a receiver would, at <paramref name="now"/> with 5 minutes' tolerance.</summary>
    public bool IsSignedWith(string secret, DateTimeOffset now) =>
        WebhookSignature.Verify(secret, Signature, Body, now, TimeSpan.FromMinutes(5));
}
