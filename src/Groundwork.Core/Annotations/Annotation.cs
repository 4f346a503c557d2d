namespace Groundwork.Core.Annotations;

/// <summary>One annotator's answer to one task. <see cref="ResultJson"/> is the Label Studio result array.</summary>
public sealed record Annotation(
    long Id,
    long TaskId,
    long ProjectId,
    long AuthorId,
    string ResultJson,
    double? LeadTime,
    string Origin,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
