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
}
