namespace Groundwork.Core.Export;

/// <summary>
/// One annotation inside an <see cref="ExportTask"/>; <see cref="ResultJson"/> is the Label Studio result array: the
/// accepted answer, so for a fixed annotation the reviewer's fix.
/// </summary>
public sealed record ExportAnnotation(
    long Id,
    long AuthorId,
    string ResultJson,
    double? LeadTime,
    string Origin,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The review decision (<c>accepted</c>, <c>rejected</c>, <c>fixed</c>), or null while unreviewed.</summary>
    public string? ReviewState { get; init; }
}
