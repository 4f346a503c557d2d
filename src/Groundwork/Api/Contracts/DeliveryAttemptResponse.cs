using Groundwork.Core.Events;

namespace Groundwork.Api.Contracts;

public sealed record DeliveryAttemptResponse(int? StatusCode, string? Error, int DurationMs, DateTimeOffset AttemptedAt)
{
    public static DeliveryAttemptResponse From(DeliveryAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return new(attempt.StatusCode, attempt.Error, attempt.DurationMs, attempt.AttemptedAt);
    }
}
