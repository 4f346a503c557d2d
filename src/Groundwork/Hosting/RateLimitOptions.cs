using System.ComponentModel.DataAnnotations;

namespace Groundwork.Hosting;

/// <summary>
/// Request rate limits. Bound from <c>Groundwork:RateLimits</c>. Sign-in attempts are counted per client address and
/// per email in fixed one-minute windows; API requests per signed-in user in a token bucket.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Groundwork:RateLimits";

    /// <summary>False turns every limit off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Sign-in attempts one client address may make per window (0: no per-address limit).</summary>
    [Range(0, int.MaxValue)]
    public int SignInPerAddress { get; set; } = 30;

    /// <summary>Sign-in attempts for one email per window, from anywhere (0: no per-email limit).</summary>
    [Range(0, int.MaxValue)]
    public int SignInPerEmail { get; set; } = 10;

    /// <summary>The sign-in window.</summary>
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>API requests per second one user may make on average (0: no per-user limit).</summary>
    [Range(0, int.MaxValue)]
    public int ApiPerUserPerSecond { get; set; } = 20_000;

    /// <summary>How many API requests one user may make at once above the average.</summary>
    [Range(1, int.MaxValue)]
    public int ApiPerUserBurst { get; set; } = 40_000;
}
