namespace Groundwork.Core.Queue;

/// <summary>
/// How an answer compares with a gold task's known answer: the share of known items it matched
/// (0..1, extra items count against it), whether it is correct (everything matched, nothing extra),
/// and the known answer's first label class.
/// </summary>
public sealed record GoldScore(double Score, bool Correct, string? Label);
