using Groundwork.Core.Events;

namespace Groundwork.Core.Tests.Events;

public sealed class RetryScheduleTests
{
    private static readonly RetrySchedule s_schedule = new(TimeSpan.FromSeconds(10), TimeSpan.FromHours(1), TimeSpan.FromHours(24));
    private static readonly DateTimeOffset s_queued = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(9, 2560)]
    [InlineData(10, 3600)]
    [InlineData(1000, 3600)]
    public void Delay_DoublesFromTenSeconds_CappedAtAnHour(int attempts, double seconds) =>
        Assert.Equal(seconds, s_schedule.Delay(attempts, 0.5).TotalSeconds, precision: 6);

    [Theory]
    [InlineData(0.0, 0.8)]
    [InlineData(0.5, 1.0)]
    [InlineData(0.999999, 1.2)]
    public void Jitter_SpreadsTwentyPercentEitherWay(double jitter, double factor) =>
        Assert.Equal(20 * factor, s_schedule.Delay(2, jitter).TotalSeconds, precision: 3);

    [Fact]
    public void NextAttempt_NeverLaterThanTheMaxAge_AndNullOnceItIsReached()
    {
        var almost = s_queued + TimeSpan.FromHours(23.9);
        Assert.Equal(s_queued + TimeSpan.FromHours(24), s_schedule.NextAttempt(20, s_queued, almost, 0.5));
        Assert.Null(s_schedule.NextAttempt(21, s_queued, s_queued + TimeSpan.FromHours(24), 0.5));
        Assert.Null(s_schedule.NextAttempt(2, s_queued, s_queued + TimeSpan.FromDays(3), 0.5));
        Assert.Equal(s_queued + TimeSpan.FromSeconds(10), s_schedule.NextAttempt(1, s_queued, s_queued, 0.5));
    }

    [Fact]
    public void AFailingReceiver_IsTriedAboutThirtyTimesInADay()
    {
        var now = s_queued;
        var attempts = 0;
        DateTimeOffset? next = now;
        while (next is { } due)
        {
            now = due;
            attempts++;
            next = s_schedule.NextAttempt(attempts, s_queued, now, 0.5);
        }

        Assert.InRange(attempts, 25, 40);
        Assert.Equal(s_queued + TimeSpan.FromHours(24), now);
    }
}
