using System.Diagnostics;
using Groundwork.Quality.Categorical;

namespace Groundwork.Quality;

/// <summary>
/// The whole-engine benchmark behind <c>groundwork bench aggregate</c>: a seeded synthetic crowd
/// (defaults: 200,000 tasks x 5 labels, 2,000 workers, 5 classes), then majority vote and Dawid-Skene with a
/// fixed number of EM iterations, single-threaded. Pure computation; the caller prints the result.
/// </summary>
public static class AggregationBench
{
    public static AggregationBenchResult Run(
        int tasks = 200_000,
        int labelsPerTask = 5,
        int workers = 2_000,
        int classes = 5,
        int iterations = 100,
        int seed = 42)
    {
        var clock = Stopwatch.StartNew();
        var crowd = SyntheticCrowd.Generate(tasks, labelsPerTask, workers, classes, seed);
        var generate = clock.Elapsed.TotalSeconds;
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        clock.Restart();
        var mv = MajorityVote.Run(crowd.Table);
        var mvSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var ds = DawidSkene.Run(crowd.Table, new EmOptions(iterations, 0));
        var dsSeconds = clock.Elapsed.TotalSeconds;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        return new AggregationBenchResult(
            crowd.Table.LabelCount,
            generate,
            mvSeconds,
            dsSeconds,
            ds.Iterations,
            Accuracy(mv, crowd.Truth),
            Accuracy(ds, crowd.Truth),
            allocated);
    }

    private static double Accuracy(CategoricalResult result, int[] truth)
    {
        var correct = 0;
        for (var t = 0; t < truth.Length; t++)
        {
            correct += result.Label(t) == truth[t] ? 1 : 0;
        }

        return (double)correct / truth.Length;
    }
}
