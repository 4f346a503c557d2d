namespace Groundwork.Core.Queue;

/// <summary>An annotator's answers on gold tasks: overall, over the recent window, and per label class.</summary>
public sealed record AnnotatorGoldScore(long UserId, int Answered, int Correct, double? RecentAccuracy, IReadOnlyDictionary<string, ClassGoldScore> ByLabel)
{
    public double? Accuracy => Answered == 0 ? null : (double)Correct / Answered;
}
