using Groundwork.Core.Projects;

namespace Groundwork.Api.Contracts;

/// <summary>
/// The dashboard's series for the UTC days <c>since</c> to <c>until</c> (both included): activity per day (every day present), throughput
/// per annotator in that window and the distribution of consensus labels over the project's tasks.
/// </summary>
public sealed record StatsResponse(
    DateOnly Since,
    DateOnly Until,
    IReadOnlyList<DayActivityResponse> Days,
    IReadOnlyList<AnnotatorThroughputResponse> Annotators,
    IReadOnlyList<LabelCountResponse> Labels,
    long ConsensusTasks)
{
    public static StatsResponse From(ProjectStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        return new(
            stats.From,
            stats.To,
            stats.Days.Select(d => new DayActivityResponse(d.Day, d.Annotations, d.Completed, d.Annotators)).ToList(),
            stats.Annotators.Select(a => new AnnotatorThroughputResponse(a.UserId, a.Annotations, a.ActiveDays, a.MeanLeadTimeSeconds)).ToList(),
            stats.Labels.Select(l => new LabelCountResponse(l.Label, l.Tasks)).ToList(),
            stats.ConsensusTasks);
    }
}
