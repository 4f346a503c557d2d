namespace Groundwork.Core.Projects;

/// <summary>
/// How a project infers truth: the consensus method (a short name from the quality engine's catalogue) and,
/// when <see cref="AdaptiveTarget"/> is set, adaptive overlap: a task keeps asking for one more annotation
/// while its consensus confidence is below the target and it has fewer than <see cref="AdaptiveMax"/>.
/// </summary>
public sealed record ProjectQualitySettings(string ConsensusMethod, double? AdaptiveTarget, int? AdaptiveMax)
{
    public const string DefaultMethod = "ds";

    public static ProjectQualitySettings Default { get; } = new(DefaultMethod, null, null);
}
