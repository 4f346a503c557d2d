namespace Groundwork.Core.Projects;

/// <summary>The fields a manager sets when creating or updating a project, already validated.</summary>
public sealed record ProjectDraft(string Name, string LabelConfig, string Instructions, int Overlap)
{
    public ProjectQueueSettings Queue { get; init; } = ProjectQueueSettings.Default;

    public ProjectQualitySettings Quality { get; init; } = ProjectQualitySettings.Default;

    /// <summary>The review policy: which annotations the review queue offers.</summary>
    public Reviews.ProjectReviewSettings Review { get; init; } = Reviews.ProjectReviewSettings.Default;
}
