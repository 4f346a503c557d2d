namespace Groundwork.Core.Export;

/// <summary>One annotation inside an <see cref="ExportTask"/>; <see cref="ResultJson"/> is the Label Studio result array.</summary>
public sealed record ExportAnnotation(
    long Id,
    long AuthorId,
    string ResultJson,
    double? LeadTime,
    string Origin,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
