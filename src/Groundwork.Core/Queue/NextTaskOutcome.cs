namespace Groundwork.Core.Queue;

/// <summary>The answer to an annotator asking for work: a lease, nothing to do, or why they may not work now.</summary>
public sealed record NextTaskOutcome(LeasedTask? Leased, string? PausedReason)
{
    public static NextTaskOutcome Nothing { get; } = new(null, null);

    public bool IsPaused => PausedReason is not null;

    public static NextTaskOutcome Granted(LeasedTask leased) => new(leased, null);

    public static NextTaskOutcome Paused(string reason) => new(null, reason);
}
