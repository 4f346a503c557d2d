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
    DateTimeOffset UpdatedAt);
