namespace Groundwork.Core.Export;

/// <summary>One prediction inside an <see cref="ExportTask"/>; <see cref="ResultJson"/> is the Label Studio result array.</summary>
public sealed record ExportPrediction(long Id, string ResultJson, string? ModelVersion, double? Score, DateTimeOffset CreatedAt);
