namespace Groundwork.Quality;

/// <summary>One run of <see cref="AggregationBench"/>.</summary>
/// <param name="Labels">Labels aggregated.</param>
/// <param name="GenerateSeconds">Time to generate the synthetic crowd and build the label table.</param>
/// <param name="MajorityVoteSeconds">Majority vote wall time.</param>
/// <param name="DawidSkeneSeconds">Dawid-Skene wall time for <paramref name="DawidSkeneIterations"/> EM iterations.</param>
/// <param name="DawidSkeneIterations">EM iterations run (fixed: the tolerance is 0).</param>
/// <param name="MajorityVoteAccuracy">Accuracy of majority vote against the synthetic truth.</param>
/// <param name="DawidSkeneAccuracy">Accuracy of Dawid-Skene against the synthetic truth.</param>
/// <param name="AllocatedBytes">Bytes allocated by the current thread during the two methods.</param>
public sealed record AggregationBenchResult(
    int Labels,
    double GenerateSeconds,
    double MajorityVoteSeconds,
    double DawidSkeneSeconds,
    int DawidSkeneIterations,
    double MajorityVoteAccuracy,
    double DawidSkeneAccuracy,
    long AllocatedBytes);
