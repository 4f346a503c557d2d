namespace Groundwork.Core.Events;

/// <summary>A delivery's states: waiting to be (re)sent, acknowledged with 2xx, or given up on.</summary>
public static class DeliveryStates
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Dead = "dead";
}
