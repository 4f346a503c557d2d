namespace Groundwork.Quality.Categorical;

/// <summary>
/// Weighted majority vote by annotator skill. A worker of accuracy <c>a</c> votes with the weight
/// <c>log((K - 1) a / (1 - a))</c> (the optimal weight under a one-coin model, floored at a small positive
/// weight so that a worker no better than chance barely counts, yet a task labelled only by such workers still follows their votes), and the posterior is the softmax of the weighted votes.
/// When no accuracies are given they are estimated from agreement with the majority of the
/// <em>other</em> labels on the same tasks, with add-one smoothing, so a worker with a single label
/// or no overlap gets an accuracy near one half.
/// </summary>
public static class WeightedMajorityVote
{
    public const string Name = "wmv";

    private const double MaxAccuracy = 0.999;

    private const double MinWeight = 1e-3;

    public static CategoricalResult Run(LabelTable table) => Run(table, default);

    /// <param name="table">The labels.</param>
    /// <param name="workerAccuracy">Per worker, a known accuracy in [0, 1] (for instance on gold tasks); empty to estimate.</param>
    public static CategoricalResult Run(LabelTable table, ReadOnlySpan<double> workerAccuracy)
    {
        ArgumentNullException.ThrowIfNull(table);
        var k = table.ClassCount;
        var accuracy = workerAccuracy.IsEmpty ? LeaveOneOutAgreement(table) : workerAccuracy.ToArray();
        if (accuracy.Length != table.WorkerCount)
        {
            throw new ArgumentException("one accuracy per worker", nameof(workerAccuracy));
        }

        var weights = new double[accuracy.Length];
        for (var w = 0; w < weights.Length; w++)
        {
            var a = Math.Clamp(accuracy[w], 0.0, MaxAccuracy);
            weights[w] = Math.Max(MinWeight, Math.Log((k - 1) * a / (1 - a)));
        }

        var offsets = table.TaskOffsets;
        var workers = table.LabelWorkers;
        var classes = table.LabelClasses;
        var post = new double[table.TaskCount * k];
        for (var t = 0; t < table.TaskCount; t++)
        {
            for (var j = offsets[t]; j < offsets[t + 1]; j++)
            {
                post[(t * k) + classes[j]] += weights[workers[j]];
            }
        }

        Posteriors.SoftmaxRows(post, k);
        var labels = Posteriors.ArgMaxRows(post, k, table.ClassTieBreakOrder);
        return new CategoricalResult(Name, k, labels, post, accuracy, 0, true);
    }

    /// <summary>
    /// Per worker, the smoothed share of its labels that match the majority of the other labels on the
    /// same task (ties among the others give fractional credit); tasks with a single label carry no information.
    /// </summary>
    public static double[] LeaveOneOutAgreement(LabelTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var k = table.ClassCount;
        var offsets = table.TaskOffsets;
        var workers = table.LabelWorkers;
        var classes = table.LabelClasses;
        var agree = new double[table.WorkerCount];
        var seen = new double[table.WorkerCount];
        Span<int> counts = k <= 256 ? stackalloc int[k] : new int[k];
        for (var t = 0; t < table.TaskCount; t++)
        {
            int start = offsets[t], end = offsets[t + 1];
            if (end - start < 2)
            {
                continue;
            }

            counts.Clear();
            for (var j = start; j < end; j++)
            {
                counts[classes[j]]++;
            }

            for (var j = start; j < end; j++)
            {
                var own = classes[j];
                counts[own]--;
                var max = 0;
                for (var c = 0; c < k; c++)
                {
                    max = Math.Max(max, counts[c]);
                }

                var tied = 0;
                for (var c = 0; c < k; c++)
                {
                    if (counts[c] == max)
                    {
                        tied++;
                    }
                }

                if (counts[own] == max)
                {
                    agree[workers[j]] += 1.0 / tied;
                }

                seen[workers[j]] += 1;
                counts[own]++;
            }
        }

        for (var w = 0; w < agree.Length; w++)
        {
            agree[w] = (agree[w] + 1) / (seen[w] + 2);
        }

        return agree;
    }
}
