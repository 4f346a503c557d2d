using Groundwork.Core.Projects;
using Groundwork.Core.Queue;
using Groundwork.Core.Reviews;

namespace Groundwork.Api.Contracts;

/// <summary>The dashboard's numbers for a project; gold accuracy per annotator comes from their gold answers, acceptance rate from reviews.</summary>
public sealed record ProgressResponse(
    IReadOnlyDictionary<string, long> Tasks,
    long GoldTasks,
    long LiveLeases,
    long AnnotationsToday,
    long AnnotationsLastHour,
    long ActiveAnnotators,
    IReadOnlyList<AnnotatorProgressResponse> Annotators)
{
    public static ProgressResponse From(ProjectProgress progress, IReadOnlyList<AnnotatorGoldScore> gold, IReadOnlyList<AnnotatorReviewStats>? reviews = null)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(gold);
        var goldByUser = gold.ToDictionary(g => g.UserId);
        var reviewsByUser = (reviews ?? []).ToDictionary(r => r.UserId);
        var ids = progress.Annotators.Select(a => a.UserId).Union(goldByUser.Keys).Union(reviewsByUser.Keys).Order();
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
                reviewsByUser.TryGetValue(id, out var r);
                return new AnnotatorProgressResponse(id, a?.Annotations ?? 0, a?.AnnotationsToday ?? 0, a?.Skipped ?? 0, a?.LiveLeases ?? 0, a?.LastAnnotationAt, g?.Answered ?? 0, g?.Accuracy,
                    r?.Reviewed ?? 0, r?.Accepted ?? 0, r?.Rejected ?? 0, r?.Fixed ?? 0, r?.AcceptanceRate);
            }).ToList());
    }
}
