namespace Groundwork.Core.Events;

/// <summary>
/// When a failed delivery is tried again: exponential back-off from <see cref="InitialDelay"/>, doubling
/// per attempt, capped at <see cref="MaxDelay"/>, spread by ±20 % jitter so receivers that come back are
/// not hit by every sender at once; never later than <see cref="MaxAge"/> after the delivery was
/// (re)queued, and once that age is reached the delivery is dead.
/// </summary>
public sealed record RetrySchedule(TimeSpan InitialDelay, TimeSpan MaxDelay, TimeSpan MaxAge)
{
    /// <summary>
    /// The next attempt after the <paramref name="attempts"/>-th failed one (1-based), or null when the
    /// delivery is dead. <paramref name="jitter"/> is a sample in [0, 1).
    /// </summary>
    public DateTimeOffset? NextAttempt(int attempts, DateTimeOffset queuedAt, DateTimeOffset now, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        var deadline = queuedAt + MaxAge;
        if (now >= deadline)
        {
            return null;
        }

        var delay = Delay(attempts, jitter);
        var next = now + delay;
        return next < deadline ? next : deadline;
    }

    /// <summary>The back-off after the <paramref name="attempts"/>-th failure, jitter applied.</summary>
    public TimeSpan Delay(int attempts, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        var exponent = Math.Min(attempts - 1, 30);
        var seconds = Math.Min(InitialDelay.TotalSeconds * Math.Pow(2, exponent), MaxDelay.TotalSeconds);
        return TimeSpan.FromSeconds(seconds * (0.8 + (0.4 * Math.Clamp(jitter, 0, 1))));
    }
}
