namespace Groundwork.Quality.Categorical;

/// <summary>
/// MACE (Hovy et al., NAACL 2013): each worker either answers in earnest (then the answer is the truth)
/// or spams, drawing from its own strategy distribution <c>xi</c>. Unlike the paper (uniform class prior)
/// the class prior is learned, like Dawid-Skene's: with a uniform prior and few labels per task, one
/// minority-class label from a worker whose spam strategy rarely gives that class outweighs two majority
/// labels, and MACE drifts to over-predicting the minority class (D_Product: 0.835 against 0.937). Fitted deterministically (no random restarts) from a majority-vote start by variational Bayes,
/// as the reference implementation does by default: a Beta(<see cref="EarnestPrior"/>, <see cref="SpamPrior"/>)
/// prior on the earnest/spam split and a symmetric Dirichlet(<see cref="StrategyPrior"/>) prior on each strategy.
/// Skill: the probability the worker's label is right, <c>e + s * sum_k prior(k) xi(k)</c> with <c>e</c>, <c>s</c> the
/// normalised earnest and spam weights.
/// </summary>
public static class Mace
{
    public const string Name = "mace";

    public const double EarnestPrior = 0.5;

    public const double SpamPrior = 0.5;

    public const double StrategyPrior = 10.0;

    public static CategoricalResult Run(LabelTable table, EmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= EmOptions.Default;
        var k = table.ClassCount;
        var taskCount = table.TaskCount;
        var workerCount = table.WorkerCount;
        var offsets = table.TaskOffsets;
        var workers = table.LabelWorkers;
        var classes = table.LabelClasses;
        var post = Posteriors.VoteShares(table, default);
        var next = new double[post.Length];
        var earnest = new double[workerCount];
        var spam = new double[workerCount];
        var xi = new double[workerCount * k];
        var iterations = 0;
        var converged = false;
        Array.Fill(earnest, 0.5);
        Array.Fill(spam, 0.5);
        Array.Fill(xi, 1.0 / k);
        MStep(table, post, earnest, spam, xi);
        var logPrior = new double[k];
        var prior0 = new double[k];
        while (iterations < options.MaxIterations)
        {
            iterations++;

            Posteriors.ClassPrior(post, k, prior0, 1.0);
            for (var c = 0; c < k; c++)
            {
                logPrior[c] = Math.Log(prior0[c]);
            }

            // E-step: P(label l | truth c) is proportional to earnest [l == c] + spam xi[l].
            for (var t = 0; t < taskCount; t++)
            {
                var row = next.AsSpan(t * k, k);
                logPrior.AsSpan().CopyTo(row);
                var spamTotal = 0.0;
                for (var j = offsets[t]; j < offsets[t + 1]; j++)
                {
                    var w = workers[j];
                    var l = classes[j];
                    var spamProbability = spam[w] * xi[(w * k) + l];
                    var logSpam = Math.Log(spamProbability);
                    spamTotal += logSpam;
                    row[l] += Math.Log(earnest[w] + spamProbability) - logSpam;
                }

                for (var c = 0; c < k; c++)
                {
                    row[c] += spamTotal;
                }
            }

            Posteriors.SoftmaxRows(next, k);
            var delta = Posteriors.MaxAbsDifference(next, post);
            (post, next) = (next, post);
            MStep(table, post, earnest, spam, xi);
            if (delta < options.Tolerance)
            {
                converged = true;
                break;
            }
        }

        var prior = new double[k];
        Posteriors.ClassPrior(post, k, prior, 0.0);
        var skills = new double[workerCount];
        for (var w = 0; w < workerCount; w++)
        {
            var chance = 0.0;
            var xiSum = 0.0;
            for (var c = 0; c < k; c++)
            {
                chance += prior[c] * xi[(w * k) + c];
                xiSum += xi[(w * k) + c];
            }

            var e = earnest[w] / (earnest[w] + spam[w]);
            skills[w] = e + ((1 - e) * chance / xiSum);
        }

        var labels = Posteriors.ArgMaxRows(post, k, table.ClassTieBreakOrder);
        return new CategoricalResult(Name, k, labels, post, skills, iterations, converged);
    }

    private static void MStep(LabelTable table, double[] post, double[] earnest, double[] spam, double[] xi)
    {
        var k = table.ClassCount;
        var offsets = table.TaskOffsets;
        var workers = table.LabelWorkers;
        var classes = table.LabelClasses;
        var earnestCount = new double[earnest.Length];
        var seen = new double[earnest.Length];
        var strategy = new double[xi.Length];
        for (var t = 0; t < table.TaskCount; t++)
        {
            for (var j = offsets[t]; j < offsets[t + 1]; j++)
            {
                var w = workers[j];
                var l = classes[j];
                var spamProbability = spam[w] * xi[(w * k) + l];

                // P(earnest | data) = P(truth == l | data) * earnest / (earnest + spam xi[l]).
                var pEarnest = post[(t * k) + l] * earnest[w] / (earnest[w] + spamProbability);
                earnestCount[w] += pEarnest;
                seen[w] += 1;
                strategy[(w * k) + l] += 1 - pEarnest;
            }
        }

        // Variational M-step: exp(E[log p]) under the Beta / Dirichlet posteriors.
        for (var w = 0; w < earnest.Length; w++)
        {
            var total = SpecialFunctions.Digamma(seen[w] + EarnestPrior + SpamPrior);
            earnest[w] = Math.Exp(SpecialFunctions.Digamma(earnestCount[w] + EarnestPrior) - total);
            spam[w] = Math.Exp(SpecialFunctions.Digamma(seen[w] - earnestCount[w] + SpamPrior) - total);
            var sum = 0.0;
            for (var c = 0; c < k; c++)
            {
                sum += strategy[(w * k) + c] + StrategyPrior;
            }

            var strategyTotal = SpecialFunctions.Digamma(sum);
            for (var c = 0; c < k; c++)
            {
                xi[(w * k) + c] = Math.Exp(SpecialFunctions.Digamma(strategy[(w * k) + c] + StrategyPrior) - strategyTotal);
            }
        }
    }
}
