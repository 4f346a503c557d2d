namespace Groundwork.Core.Projects;

/// <summary>
/// How a project's queue hands out work: the lease time, the share of gold tasks mixed into each
/// annotator's stream, the gold accuracy below which an annotator is paused (over their last
/// <see cref="GoldWindow"/> gold answers), and the pass mark of the qualification set.
/// </summary>
public sealed record ProjectQueueSettings(int LeaseSeconds, double GoldRate, double? GoldThreshold, int GoldWindow, double? QualificationPassMark)
{
    public const int DefaultLeaseSeconds = 600;
    public const int MinLeaseSeconds = 1;
    public const int MaxLeaseSeconds = 86_400;
    public const int DefaultGoldWindow = 20;

    public static ProjectQueueSettings Default { get; } = new(DefaultLeaseSeconds, 0, null, DefaultGoldWindow, null);

    public TimeSpan LeaseTime => TimeSpan.FromSeconds(LeaseSeconds);
}
