using Groundwork.Core.Quality;
using Groundwork.Core.Reviews;

namespace Groundwork.Api.Contracts;

/// <summary>
/// An annotator's skill as the consensus method estimates it, their agreement with the consensus, and how reviewers
/// judged their work (<c>reviewed</c> annotations, <c>acceptance_rate</c> accepted over reviewed, null before any review).
/// </summary>
public sealed record SkillResponse(long UserId, string Method, double Skill, int Labels, double? Agreement, DateTimeOffset ComputedAt, long Reviewed = 0, double? AcceptanceRate = null)
{
    public static SkillResponse From(AnnotatorSkill skill, AnnotatorReviewStats? reviews = null)
    {
        ArgumentNullException.ThrowIfNull(skill);
        return new(skill.UserId, skill.Method, skill.Skill, skill.Labels, skill.Agreement, skill.ComputedAt, reviews?.Reviewed ?? 0, reviews?.AcceptanceRate);
    }
}
