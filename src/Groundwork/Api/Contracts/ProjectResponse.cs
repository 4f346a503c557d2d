using Groundwork.Core.Projects;
using Groundwork.Core.Reviews;

namespace Groundwork.Api.Contracts;

public sealed record ProjectResponse(
    long Id,
    string Name,
    string LabelConfig,
    string Instructions,
    int Overlap,
    long? CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int LeaseSeconds,
    double GoldRate,
    double? GoldThreshold,
    int GoldWindow,
    double? QualificationPassMark,
    string ConsensusMethod,
    double? AdaptiveTarget,
    int? AdaptiveMax,
    string ReviewPolicy = "none",
    double ReviewSampleRate = 1,
    double? ReviewThreshold = null)
{
    public static ProjectResponse From(Project project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var queue = project.Queue;
        return new(project.Id, project.Name, project.LabelConfig, project.Instructions, project.Overlap, project.CreatedBy, project.CreatedAt, project.UpdatedAt,
            queue.LeaseSeconds, queue.GoldRate, queue.GoldThreshold, queue.GoldWindow, queue.QualificationPassMark,
            project.Quality.ConsensusMethod, project.Quality.AdaptiveTarget, project.Quality.AdaptiveMax,
            project.Review.Policy.ToName(), project.Review.SampleRate, project.Review.Threshold);
    }
}
