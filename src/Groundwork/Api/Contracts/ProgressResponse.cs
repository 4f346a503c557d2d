using Groundwork.Core.Projects;
using Groundwork.Core.Queue;

namespace Groundwork.Api.Contracts;

/// <summary>The dashboard's numbers for a project; gold accuracy per annotator comes from their gold answers.</summary>
public sealed record ProgressResponse(
    IReadOnlyDictionary<string, long> Tasks,
    long GoldTasks,
    long LiveLeases,
    long AnnotationsToday,
    long AnnotationsLastHour,
    long ActiveAnnotators,
    IReadOnlyList<AnnotatorProgressResponse> Annotators)
{
    public static ProgressResponse From(ProjectProgress progress, IReadOnlyList<AnnotatorGoldScore> gold)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(gold);
        var goldByUser = gold.ToDictionary(g => g.UserId);
        var ids = progress.Annotators.Select(a => a.UserId).Union(goldByUser.Keys).Order();
        var byUser = progress.Annotators.ToDictionary(a => a.UserId);
        return new(
            progress.TasksByStatus,
            progress.GoldTasks,
            progress.LiveLeases,
            progress.AnnotationsToday,
            progress.AnnotationsLastHour,
            progress.ActiveAnnotators,
            ids.Select(id =>
            {
                byUser.TryGetValue(id, out var a);
                goldByUser.TryGetValue(id, out var g);
                return new AnnotatorProgressResponse(id, a?.Annotations ?? 0, a?.AnnotationsToday ?? 0, a?.Skipped ?? 0, a?.LiveLeases ?? 0, a?.LastAnnotationAt, g?.Answered ?? 0, g?.Accuracy);
            }).ToList());
    }
}
