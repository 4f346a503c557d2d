using Groundwork.Quality.Categorical;

namespace Groundwork.Quality.Csv;

/// <summary>How a consensus scores on gold tasks.</summary>
/// <param name="Scored">Tasks that have both labels and gold.</param>
/// <param name="Correct">Of those, how many the consensus got right.</param>
/// <param name="UnseenGoldClasses">Scored tasks whose gold class no worker ever gave (counted wrong).</param>
/// <param name="GoldWithoutLabels">Gold tasks that have no labels (not scored).</param>
public sealed record GoldAccuracy(int Scored, int Correct, int UnseenGoldClasses, int GoldWithoutLabels)
{
    /// <summary>Correct / Scored, or NaN when nothing is scored.</summary>
    public double Accuracy => Scored == 0 ? double.NaN : (double)Correct / Scored;

    /// <summary>Scores <paramref name="result"/> against <paramref name="gold"/>.</summary>
    public static GoldAccuracy Measure(LabelTable table, CategoricalResult result, GoldLabels gold)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(gold);
        var truth = gold.ToClassIndices(table);
        return Measure(result.Labels, truth, gold.Count);
    }

    /// <summary>Scores chosen labels against gold class indices (<see cref="GoldLabels.NoGold"/> is skipped).</summary>
    public static GoldAccuracy Measure(ReadOnlySpan<int> labels, ReadOnlySpan<int> truth, int goldCount)
    {
        int scored = 0, correct = 0, unseen = 0;
        for (var t = 0; t < truth.Length; t++)
        {
            if (truth[t] == GoldLabels.NoGold)
            {
                continue;
            }

            scored++;
            if (truth[t] == GoldLabels.UnseenClass)
            {
                unseen++;
            }
            else if (labels[t] == truth[t])
            {
                correct++;
            }
        }

        return new GoldAccuracy(scored, correct, unseen, goldCount - scored);
    }
}
