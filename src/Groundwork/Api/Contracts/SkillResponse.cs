using Groundwork.Core.Quality;

namespace Groundwork.Api.Contracts;

/// <summary>An annotator's skill as the consensus method estimates it, and their agreement with the consensus.</summary>
public sealed record SkillResponse(long UserId, string Method, double Skill, int Labels, double? Agreement, DateTimeOffset ComputedAt)
{
    public static SkillResponse From(AnnotatorSkill skill)
    {
        ArgumentNullException.ThrowIfNull(skill);
        return new(skill.UserId, skill.Method, skill.Skill, skill.Labels, skill.Agreement, skill.ComputedAt);
    }
}
