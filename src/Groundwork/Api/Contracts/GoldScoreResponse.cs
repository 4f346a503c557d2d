using Groundwork.Core.Queue;

namespace Groundwork.Api.Contracts;

/// <summary>An annotator's gold score: overall, over the project's recent window, and per label class.</summary>
public sealed record GoldScoreResponse(long UserId, int Answered, int Correct, double? Accuracy, double? RecentAccuracy, IReadOnlyDictionary<string, ClassGoldScoreResponse> ByLabel)
{
    public static GoldScoreResponse From(AnnotatorGoldScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return new(score.UserId, score.Answered, score.Correct, score.Accuracy, score.RecentAccuracy,
            score.ByLabel.ToDictionary(p => p.Key, p => new ClassGoldScoreResponse(p.Value.Answered, p.Value.Correct, p.Value.Accuracy), StringComparer.Ordinal));
    }
}
