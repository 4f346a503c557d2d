namespace Groundwork.Core.Projects;

/// <summary>A labeling job: its label config (Label Studio XML), instructions and settings.</summary>
public sealed record Project(
    long Id,
    string Name,
    string LabelConfig,
    string Instructions,
    int Overlap,
    long? CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The queue's settings: lease time, gold and qualification.</summary>
    public ProjectQueueSettings Queue { get; init; } = ProjectQueueSettings.Default;

    /// <summary>Consensus method and adaptive overlap.</summary>
    public ProjectQualitySettings Quality { get; init; } = ProjectQualitySettings.Default;

    /// <summary>The review policy: which annotations the review queue offers.</summary>
    public Reviews.ProjectReviewSettings Review { get; init; } = Reviews.ProjectReviewSettings.Default;
}
