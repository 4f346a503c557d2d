namespace Groundwork.Exports;

/// <summary>Why an export cannot be made as asked: a problem response's title and detail, and the request field at fault.</summary>
public sealed record ExportPlanError(string Title, string Detail, string? Field);
