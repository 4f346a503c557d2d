using System.ComponentModel.DataAnnotations;

namespace Groundwork.Consensus;

/// <summary>The background consensus job. Bound from <c>Groundwork:Quality</c>.</summary>
public sealed class ConsensusOptions
{
    public const string Section = "Groundwork:Quality";

    /// <summary>How often projects with new or changed annotations get their consensus recomputed (default 10 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);
}
