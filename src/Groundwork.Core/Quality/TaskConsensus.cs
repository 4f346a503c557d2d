namespace Groundwork.Core.Quality;

/// <summary>
/// The quality engine's answer for one task: the inferred label, its posterior confidence, the method, the
/// result it stands for (a Label Studio result array) and how many annotations it was inferred from.
/// </summary>
public sealed record TaskConsensus(long TaskId, string Method, string Label, double Confidence, string ResultJson, int Annotations, DateTimeOffset ComputedAt);
