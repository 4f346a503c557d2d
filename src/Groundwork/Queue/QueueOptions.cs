using System.ComponentModel.DataAnnotations;

namespace Groundwork.Queue;

/// <summary>The queue's background work. Bound from <c>Groundwork:Queue</c>.</summary>
public sealed class QueueOptions
{
    public const string Section = "Groundwork:Queue";

    /// <summary>How often expired leases are swept back into the queue (default 5 s). <c>next</c> also sweeps its own project.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the queue-depth and live-lease gauges are read from the store (default 15 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan GaugeInterval { get; set; } = TimeSpan.FromSeconds(15);
}
