namespace Groundwork.Api.Contracts;

/// <summary>Makes a task gold: its known answer (a Label Studio result array) and whether it is gold (default) or qualification.</summary>
public sealed record GoldRequest(string? Kind, RawJson? Result);
