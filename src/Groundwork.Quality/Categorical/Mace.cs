namespace Groundwork.Quality.Categorical;

/// <summary>
/// MACE (Hovy et al., NAACL 2013): each worker either answers in earnest (then the answer is the truth)
/// or spams, drawing from its own strategy distribution <c>xi</c>. Unlike the paper (uniform class prior)
/// the class prior is learned, like Dawid-Skene's: with a uniform prior and few labels per task, one
/// minority-class label from a worker whose spam strategy rarely gives that class outweighs two majority
/// labels, and MACE drifts to over-predicting the minority class (D_Product: 0.835 against 0.937). Fitted deterministically (no random restarts) from a majority-vote start by variational Bayes,
/// as the reference implementation does by default: a Beta(<see cref="EarnestPrior"/>, <see cref="SpamPrior"/>)
/// prior on the earnest/spam split and a symmetric Dirichlet(<see cref="StrategyPrior"/>) prior on each strategy;
/// unlike the reference, the earnest/spam prior is hierarchical: Beta(EarnestPrior + s * mu, SpamPrior + s * (1 - mu))
/// with <c>mu</c> the population's pooled earnest share and <c>s</c> by maximum marginal (beta-binomial) likelihood
/// each iteration (<see cref="PriorStrength"/>), so a worker seen on a few tasks is as earnest as the population
/// rather than free to call its own lone answers spam (with <c>s = 0</c> this is the reference prior).
/// Skill: the probability the worker's label is right, <c>e + s * sum_k prior(k) xi(k)</c> with <c>e</c>, <c>s</c> the
/// normalised earnest and spam weights.
/// </summary>
public static class Mace
{
    public const string Name = "mace";

    public const double EarnestPrior = 0.5;

    public const double SpamPrior = 0.5;

    public const double StrategyPrior = 10.0;

    public static CategoricalResult Run(LabelTable table, EmOptions? options = null) => Run(table, options, pooledPrior: true);

    /// <summary><paramref name="pooledPrior"/> false keeps the strength at 0 (the reference prior), for the tests' counterexamples.</summary>
    internal static CategoricalResult Run(LabelTable table, EmOptions? options, bool pooledPrior)
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
        var strength = pooledPrior ? PriorStrength.Initial : 0.0;
        var firstStep = true;
        var iterations = 0;
        var converged = false;
        Array.Fill(earnest, 0.5);
        Array.Fill(spam, 0.5);
        Array.Fill(xi, 1.0 / k);
        MStep(table, post, earnest, spam, xi, pooledPrior, ref strength, ref firstStep);
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
            MStep(table, post, earnest, spam, xi, pooledPrior, ref strength, ref firstStep);
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

    private static void MStep(LabelTable table, double[] post, double[] earnest, double[] spam, double[] xi, bool pooledPrior, ref double strength, ref bool firstStep)
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

        // Population prior on the earnest share: pooled mean, strength by beta-binomial marginal likelihood.
        double earnestTotal = 0, seenTotal = 0;
        for (var w = 0; w < earnest.Length; w++)
        {
            earnestTotal += earnestCount[w];
            seenTotal += seen[w];
        }

        var mu = (earnestTotal + EarnestPrior) / (seenTotal + EarnestPrior + SpamPrior);
        if (pooledPrior)
        {
            strength = FitStrength(earnestCount, seen, mu, strength, firstStep ? PriorStrength.FirstSteps : 1);
        }

        firstStep = false;
        var earnestPrior = EarnestPrior + (strength * mu);
        var spamPrior = SpamPrior + (strength * (1 - mu));

        // Variational M-step: exp(E[log p]) under the Beta / Dirichlet posteriors.
        for (var w = 0; w < earnest.Length; w++)
        {
            var total = SpecialFunctions.Digamma(seen[w] + earnestPrior + spamPrior);
            earnest[w] = Math.Exp(SpecialFunctions.Digamma(earnestCount[w] + earnestPrior) - total);
            spam[w] = Math.Exp(SpecialFunctions.Digamma(seen[w] - earnestCount[w] + spamPrior) - total);
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

    /// <summary>Newton steps on the beta-binomial log marginal likelihood of the workers' (earnest, spam) counts in the strength s.</summary>
    private static double FitStrength(double[] earnestCount, double[] seen, double mu, double strength, int steps)
    {
        for (var step = 0; step < steps; step++)
        {
            var s = strength;
            var a = EarnestPrior + (s * mu);
            var b = SpamPrior + (s * (1 - mu));
            double digammaA = SpecialFunctions.Digamma(a), digammaB = SpecialFunctions.Digamma(b), digammaAb = SpecialFunctions.Digamma(a + b);
            double trigammaA = SpecialFunctions.Trigamma(a), trigammaB = SpecialFunctions.Trigamma(b), trigammaAb = SpecialFunctions.Trigamma(a + b);
            double d1 = 0, d2 = 0, magnitude = 0;
            for (var w = 0; w < seen.Length; w++)
            {
                var e = earnestCount[w];
                var n = seen[w];
                var sp = Math.Max(0, n - e);
                var digammaE = SpecialFunctions.Digamma(e + a);
                var digammaS = SpecialFunctions.Digamma(sp + b);
                var digammaN = SpecialFunctions.Digamma(n + a + b);
                d1 += (mu * (digammaE - digammaA)) + ((1 - mu) * (digammaS - digammaB)) - (digammaN - digammaAb);
                magnitude += (mu * (Math.Abs(digammaE) + Math.Abs(digammaA))) + ((1 - mu) * (Math.Abs(digammaS) + Math.Abs(digammaB))) + Math.Abs(digammaN) + Math.Abs(digammaAb);
                d2 += (mu * mu * (SpecialFunctions.Trigamma(e + a) - trigammaA))
                    + ((1 - mu) * (1 - mu) * (SpecialFunctions.Trigamma(sp + b) - trigammaB))
                    - (SpecialFunctions.Trigamma(n + a + b) - trigammaAb);
            }

            strength = PriorStrength.Step(s, d1, d2, magnitude, out var done);
            if (done)
            {
                break;
            }
        }

        return strength;
    }
}
