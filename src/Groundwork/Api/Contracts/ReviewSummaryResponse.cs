using Groundwork.Core.Reviews;

namespace Groundwork.Api.Contracts;

/// <summary>The project's review policy and queue: annotations still waiting for review, and the decisions so far.</summary>
public sealed record ReviewSummaryResponse(
    string ReviewPolicy,
    double ReviewSampleRate,
    double? ReviewThreshold,
    long Pending,
    long Accepted,
    long Rejected,
    long Fixed)
{
    public static ReviewSummaryResponse From(ReviewSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new(summary.Settings.Policy.ToName(), summary.Settings.SampleRate, summary.Settings.Threshold, summary.Pending, summary.Accepted, summary.Rejected, summary.Fixed);
    }
}
