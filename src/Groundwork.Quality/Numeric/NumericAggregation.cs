namespace Groundwork.Quality.Numeric;

/// <summary>
/// Numeric answers and ratings. <see cref="Median"/>: per task, the median (even count: mean of the two
/// middle values). <see cref="WeightedMean"/>: iteratively reweighted mean, each worker weighted by the inverse
/// of its mean squared distance to the current consensus (plus one pseudo-answer at the pooled mean squared
/// distance, so a worker with one answer keeps an ordinary weight), starting from the medians. Tasks without answers get NaN.
/// </summary>
public static class NumericAggregation
{
    public static double[] Median(int taskCount, ReadOnlySpan<NumericAnswer> answers)
    {
        var byTask = Group(taskCount, answers);
        var result = new double[taskCount];
        for (var t = 0; t < taskCount; t++)
        {
            var v = byTask[t];
            if (v.Count == 0)
            {
                result[t] = double.NaN;
                continue;
            }

            v.Sort();
            result[t] = v.Count % 2 == 1 ? v[v.Count / 2] : (v[(v.Count / 2) - 1] + v[v.Count / 2]) / 2;
        }

        return result;
    }

    public static double[] WeightedMean(int taskCount, int workerCount, ReadOnlySpan<NumericAnswer> answers, int iterations = 20)
    {
        var consensus = Median(taskCount, answers);
        var weights = new double[workerCount];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var error = new double[workerCount];
            var count = new double[workerCount];
            foreach (var a in answers)
            {
                var d = a.Value - consensus[a.Task];
                error[a.Worker] += d * d;
                count[a.Worker] += 1;
            }

            var pooled = 0.0;
            for (var w = 0; w < workerCount; w++)
            {
                pooled += error[w];
            }

            pooled = Math.Max(pooled / Math.Max(1, answers.Length), 1e-12);

            for (var w = 0; w < workerCount; w++)
            {
                weights[w] = (count[w] + 1) / (error[w] + pooled);
            }

            var sum = new double[taskCount];
            var total = new double[taskCount];
            foreach (var a in answers)
            {
                sum[a.Task] += weights[a.Worker] * a.Value;
                total[a.Task] += weights[a.Worker];
            }

            for (var t = 0; t < taskCount; t++)
            {
                consensus[t] = total[t] > 0 ? sum[t] / total[t] : double.NaN;
            }
        }

        return consensus;
    }

    private static List<double>[] Group(int taskCount, ReadOnlySpan<NumericAnswer> answers)
    {
        var byTask = new List<double>[taskCount];
        for (var t = 0; t < taskCount; t++)
        {
            byTask[t] = [];
        }

        foreach (var a in answers)
        {
            byTask[a.Task].Add(a.Value);
        }

        return byTask;
    }
}
