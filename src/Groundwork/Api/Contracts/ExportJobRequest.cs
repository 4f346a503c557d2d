namespace Groundwork.Api.Contracts;

/// <summary>Starts a background export: <c>format</c> as the direct export takes it (default json), <c>annotations</c> all (default), consensus or consensus_only.</summary>
public sealed record ExportJobRequest(string? Format, string? Annotations);
