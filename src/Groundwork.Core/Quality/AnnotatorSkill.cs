namespace Groundwork.Core.Quality;

/// <summary>
/// An annotator's skill on a project as the consensus method estimates it (accuracy-like, 0..1), with how many
/// labels it rests on and the share of their labels that agree with the consensus.
/// </summary>
public sealed record AnnotatorSkill(long UserId, string Method, double Skill, int Labels, double? Agreement, DateTimeOffset ComputedAt);
