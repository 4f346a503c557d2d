using BenchmarkDotNet.Attributes;
using Groundwork.Quality;
using Groundwork.Quality.Categorical;

namespace Groundwork.Benchmarks;

/// <summary>
/// Categorical aggregation on a synthetic crowd (5 labels per task, 5 classes, 1 worker per 100 tasks).
/// The target: 200,000 tasks (1,000,000 labels), Dawid-Skene 100 EM iterations under 2 s, majority vote under 0.2 s.
/// Run: dotnet run -c Release --project bench/Groundwork.Benchmarks -- --filter '*AggregationBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class AggregationBenchmarks
{
    private LabelTable _table = null!;

    [Params(20_000, 200_000)]
    public int Tasks { get; set; }

    [GlobalSetup]
    public void Setup() => _table = SyntheticCrowd.Generate(tasks: Tasks, workers: Math.Max(5, Tasks / 100)).Table;

    [Benchmark]
    public CategoricalResult MajorityVote() => Quality.Categorical.MajorityVote.Run(_table);

    [Benchmark]
    public CategoricalResult DawidSkene100Iterations() => Quality.Categorical.DawidSkene.Run(_table, new EmOptions(100, 0));

    [Benchmark]
    public CategoricalResult OneCoin100Iterations() => OneCoinDawidSkene.Run(_table, new EmOptions(100, 0));

    [Benchmark]
    public CategoricalResult Glad20Iterations() => Glad.Run(_table, new EmOptions(20, 0));

    [Benchmark]
    public CategoricalResult Mace20Iterations() => Mace.Run(_table, new EmOptions(20, 0));
}
