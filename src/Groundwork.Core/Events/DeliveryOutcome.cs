namespace Groundwork.Core.Events;

/// <summary>What one attempt came to: the status code (null when no response), the error, how long it took.</summary>
public sealed record DeliveryOutcome(int? StatusCode, string? Error, TimeSpan Duration)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
