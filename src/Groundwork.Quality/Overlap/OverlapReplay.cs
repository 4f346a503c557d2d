using Groundwork.Quality.Categorical;

namespace Groundwork.Quality.Overlap;

/// <summary>
/// Replays recorded labels as if they arrived live: each task's labels are shuffled (seeded), every task
/// starts with the policy's minimum, and in rounds the consensus model is refitted on the labels revealed so
/// far and every task the policy is not satisfied with gets its next recorded label, until no task asks
/// for more (or has none left). Returns the labels used and the accuracy of the last fit on gold.
/// </summary>
public static class OverlapReplay
{
    public static ReplayResult Run(
        LabelTable table,
        ReadOnlySpan<int> gold,
        AdaptiveOverlapPolicy policy,
        Func<LabelTable, CategoricalResult> method,
        int seed)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(method);
        var offsets = table.TaskOffsets;
        var order = new int[table.LabelCount];
        for (var j = 0; j < order.Length; j++)
        {
            order[j] = j;
        }

        var random = new Random(seed);
        for (var t = 0; t < table.TaskCount; t++)
        {
            random.Shuffle(order.AsSpan(offsets[t], offsets[t + 1] - offsets[t]));
        }

        var revealed = new int[table.TaskCount];
        for (var t = 0; t < revealed.Length; t++)
        {
            revealed[t] = Math.Min(Math.Max(1, policy.MinAnnotations), table.LabelsOf(t));
        }

        var rounds = 0;
        while (true)
        {
            var sub = Subset(table, order, revealed);
            var result = method(sub);
            rounds++;
            var changed = false;
            for (var t = 0; t < revealed.Length; t++)
            {
                if (revealed[t] < table.LabelsOf(t) && policy.NeedsMore(result.Confidence[t], revealed[t]))
                {
                    revealed[t]++;
                    changed = true;
                }
            }

            if (!changed)
            {
                var used = 0;
                foreach (var r in revealed)
                {
                    used += r;
                }

                var accuracy = Csv.GoldAccuracy.Measure(result.Labels, gold, 0).Accuracy;
                return new ReplayResult(used, table.LabelCount, accuracy, rounds);
            }
        }
    }

    private static LabelTable Subset(LabelTable table, int[] order, int[] revealed)
    {
        var n = 0;
        foreach (var r in revealed)
        {
            n += r;
        }

        var tasks = new int[n];
        var workers = new int[n];
        var classes = new int[n];
        var offsets = table.TaskOffsets;
        var allWorkers = table.LabelWorkers;
        var allClasses = table.LabelClasses;
        var p = 0;
        for (var t = 0; t < revealed.Length; t++)
        {
            for (var i = 0; i < revealed[t]; i++)
            {
                var j = order[offsets[t] + i];
                tasks[p] = t;
                workers[p] = allWorkers[j];
                classes[p] = allClasses[j];
                p++;
            }
        }

        return LabelTable.FromIndices(table.TaskCount, table.WorkerCount, table.ClassCount, tasks, workers, classes, DuplicateLabelPolicy.KeepAll);
    }
}
