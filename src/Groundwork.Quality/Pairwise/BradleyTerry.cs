namespace Groundwork.Quality.Pairwise;

/// <summary>
/// Bradley-Terry ranking from pairwise preferences, fitted by Hunter's MM algorithm. Every item also
/// plays one virtual win and one virtual loss against a reference item of strength 1 (a weak prior that
/// keeps unbeaten or unconnected items finite and makes the fit unique).
/// <see cref="FitNoiseAware"/> adds, per worker, a probability of judging at random (a coin flip): EM
/// alternates the posterior that each judgement was genuine with a weighted Bradley-Terry fit, so careless
/// workers' judgements count less.
/// </summary>
public static class BradleyTerry
{
    private const double PriorGames = 1.0;

    public static PairwiseResult Fit(int itemCount, ReadOnlySpan<PairwiseComparison> comparisons, int maxIterations = 500, double tolerance = 1e-9)
    {
        var weights = new double[comparisons.Length];
        Array.Fill(weights, 1.0);
        var strength = Strengths(itemCount, comparisons, weights, null, maxIterations, tolerance, out var iterations);
        var workers = 0;
        foreach (var c in comparisons)
        {
            workers = Math.Max(workers, c.Worker + 1);
        }

        var reliability = new double[workers];
        Array.Fill(reliability, 1.0);
        return Result(strength, reliability, iterations);
    }

    public static PairwiseResult FitNoiseAware(int itemCount, int workerCount, ReadOnlySpan<PairwiseComparison> comparisons, int emIterations = 50)
    {
        var weights = new double[comparisons.Length];
        Array.Fill(weights, 1.0);
        var reliability = new double[workerCount];
        Array.Fill(reliability, 0.8);
        double[]? strength = null;
        var total = 0;
        for (var iteration = 0; iteration < emIterations; iteration++)
        {
            strength = Strengths(itemCount, comparisons, weights, strength, 200, 1e-7, out var inner);
            total += inner;

            // E-step: posterior that each judgement was genuine.
            var genuine = new double[workerCount];
            var seen = new double[workerCount];
            var change = 0.0;
            for (var i = 0; i < comparisons.Length; i++)
            {
                var c = comparisons[i];
                var p = strength[c.Winner] / (strength[c.Winner] + strength[c.Loser]);
                var g = reliability[c.Worker];
                var r = g * p / ((g * p) + ((1 - g) * 0.5));
                change = Math.Max(change, Math.Abs(r - weights[i]));
                weights[i] = r;
                genuine[c.Worker] += r;
                seen[c.Worker] += 1;
            }

            // M-step for reliabilities, with a Beta(2, 1) prior (workers are believed mostly genuine).
            for (var w = 0; w < workerCount; w++)
            {
                reliability[w] = (genuine[w] + 2) / (seen[w] + 3);
            }

            if (change < 1e-6)
            {
                break;
            }
        }

        return Result(strength!, reliability, total);
    }

    private static double[] Strengths(int itemCount, ReadOnlySpan<PairwiseComparison> comparisons, double[] weights, double[]? start, int maxIterations, double tolerance, out int iterations)
    {
        var p = start is null ? Enumerable.Repeat(1.0, itemCount).ToArray() : (double[])start.Clone();
        var wins = new double[itemCount];
        for (var i = 0; i < comparisons.Length; i++)
        {
            wins[comparisons[i].Winner] += weights[i];
        }

        var denominator = new double[itemCount];
        iterations = 0;
        while (iterations < maxIterations)
        {
            iterations++;
            for (var i = 0; i < itemCount; i++)
            {
                denominator[i] = 2 * PriorGames / (p[i] + 1);
            }

            for (var i = 0; i < comparisons.Length; i++)
            {
                var c = comparisons[i];
                var x = weights[i] / (p[c.Winner] + p[c.Loser]);
                denominator[c.Winner] += x;
                denominator[c.Loser] += x;
            }

            var change = 0.0;
            for (var i = 0; i < itemCount; i++)
            {
                var next = (wins[i] + PriorGames) / denominator[i];
                change = Math.Max(change, Math.Abs(Math.Log(next / p[i])));
                p[i] = next;
            }

            if (change < tolerance)
            {
                break;
            }
        }

        return p;
    }

    private static PairwiseResult Result(double[] strength, double[] reliability, int iterations)
    {
        var scores = new double[strength.Length];
        var mean = 0.0;
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = Math.Log(strength[i]);
            mean += scores[i];
        }

        mean /= Math.Max(1, scores.Length);
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] -= mean;
        }

        var ranking = Enumerable.Range(0, scores.Length).ToArray();
        Array.Sort(ranking, (a, b) => scores[a] != scores[b] ? scores[b].CompareTo(scores[a]) : a.CompareTo(b));
        return new PairwiseResult(scores, ranking, reliability, iterations);
    }
}
