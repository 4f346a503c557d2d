namespace Groundwork.Quality.Categorical;

/// <summary>
/// One-coin Dawid-Skene: each worker has one accuracy <c>a</c> and spreads its errors evenly over
/// the other K - 1 classes; the class prior is uniform (a learned prior lets one-coin models collapse onto a frequent class on skewed multi-class data, as crowd-kit's one-coin DS does on S_Rel). EM from a majority-vote start, with a
/// Beta(<see cref="CorrectPseudoCount"/>, <see cref="WrongPseudoCount"/>) prior on each accuracy
/// (a worker seen once is believed to be better than chance, but not infallible).
/// Skill: the accuracy.
/// </summary>
public static class OneCoinDawidSkene
{
    public const string Name = "onecoin";

    public const double CorrectPseudoCount = 2.0;

    public const double WrongPseudoCount = 1.0;

    public static CategoricalResult Run(LabelTable table, EmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= EmOptions.Default;
        var k = table.ClassCount;
        var taskCount = table.TaskCount;
        var offsets = table.TaskOffsets;
        var workers = table.LabelWorkers;
        var classes = table.LabelClasses;
        var post = Posteriors.VoteShares(table, default);
        var next = new double[post.Length];
        var accuracy = new double[table.WorkerCount];
        var logRight = new double[table.WorkerCount];
        var logWrong = new double[table.WorkerCount];
                var logPrior = new double[k]; // uniform: zeros
        var iterations = 0;
        var converged = false;
        while (true)
        {
            // M-step.
            MStep(table, post, accuracy);
            if (iterations >= options.MaxIterations)
            {
                break;
            }

            iterations++;
            for (var w = 0; w < accuracy.Length; w++)
            {
                logRight[w] = Math.Log(accuracy[w]);
                logWrong[w] = k > 1 ? Math.Log((1 - accuracy[w]) / (k - 1)) : 0;
            }


            // E-step.
            for (var t = 0; t < taskCount; t++)
            {
                var row = next.AsSpan(t * k, k);
                var wrong = 0.0;
                logPrior.AsSpan().CopyTo(row);
                for (var j = offsets[t]; j < offsets[t + 1]; j++)
                {
                    var w = workers[j];
                    wrong += logWrong[w];
                    row[classes[j]] += logRight[w] - logWrong[w];
                }

                for (var c = 0; c < k; c++)
                {
                    row[c] += wrong;
                }
            }

            Posteriors.SoftmaxRows(next, k);
            var delta = Posteriors.MaxAbsDifference(next, post);
            (post, next) = (next, post);
            if (delta < options.Tolerance)
            {
                converged = true;
                MStep(table, post, accuracy);
                break;
            }
        }

        var labels = Posteriors.ArgMaxRows(post, k, table.ClassTieBreakOrder);
        return new CategoricalResult(Name, k, labels, post, accuracy, iterations, converged);
    }

    private static void MStep(LabelTable table, double[] post, double[] accuracy)
    {
        var k = table.ClassCount;
        var offsets = table.TaskOffsets;
        var workers = table.LabelWorkers;
        var classes = table.LabelClasses;
        Span<double> correct = accuracy;
        correct.Fill(CorrectPseudoCount);
        var seen = new double[accuracy.Length];
        for (var t = 0; t < table.TaskCount; t++)
        {
            for (var j = offsets[t]; j < offsets[t + 1]; j++)
            {
                correct[workers[j]] += post[(t * k) + classes[j]];
                seen[workers[j]] += 1;
            }
        }

        for (var w = 0; w < accuracy.Length; w++)
        {
            accuracy[w] = correct[w] / (seen[w] + CorrectPseudoCount + WrongPseudoCount);
        }
    }
}
