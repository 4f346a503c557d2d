namespace Groundwork.Quality.Categorical;

/// <summary>
/// The output of a categorical aggregation method, indexed like its <see cref="LabelTable"/>.
/// </summary>
/// <remarks>
/// Invariants: each task's posterior row sums to one; <c>Labels[t]</c> is the row's arg-max
/// (exact ties go to the lowest class index, see <see cref="LabelTable.ClassTieBreakOrder"/>);
/// <c>Confidence[t] == Posteriors[t * ClassCount + Labels[t]]</c>.
/// </remarks>
public sealed class CategoricalResult
{
    private readonly int[] _labels;
    private readonly double[] _posteriors;
    private readonly double[] _workerSkills;
    private readonly double[] _confidence;

    public CategoricalResult(string method, int classCount, int[] labels, double[] posteriors, double[] workerSkills, int iterations, bool converged)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(posteriors);
        if (posteriors.Length != labels.Length * classCount)
        {
            throw new ArgumentException("posteriors must have TaskCount * ClassCount entries", nameof(posteriors));
        }

        Method = method;
        ClassCount = classCount;
        _labels = labels;
        _posteriors = posteriors;
        _workerSkills = workerSkills;
        Iterations = iterations;
        Converged = converged;
        var confidence = new double[labels.Length];
        for (var t = 0; t < labels.Length; t++)
        {
            confidence[t] = posteriors[(t * classCount) + labels[t]];
        }

        _confidence = confidence;
    }

    /// <summary>The method's short name (see <see cref="AggregationCatalogue"/>).</summary>
    public string Method { get; }

    public int ClassCount { get; }

    public int TaskCount => _labels.Length;

    /// <summary>Per task, the chosen class index.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>Per task, the posterior distribution over classes, row-major (<c>task * ClassCount + class</c>).</summary>
    public ReadOnlySpan<double> Posteriors => _posteriors;

    /// <summary>Per task, the posterior probability of the chosen class.</summary>
    public ReadOnlySpan<double> Confidence => _confidence;

    /// <summary>
    /// Per worker, a skill in [0, 1] (higher is better): the method's own estimate of the
    /// probability that the worker's label is correct (for vote methods, agreement with the consensus).
    /// </summary>
    public ReadOnlySpan<double> WorkerSkills => _workerSkills;

    /// <summary>EM or fixed-point iterations run (0 for one-pass methods).</summary>
    public int Iterations { get; }

    /// <summary>Whether an iterative method met its tolerance before its iteration cap.</summary>
    public bool Converged { get; }

    /// <summary>The posterior row of one task.</summary>
    public ReadOnlySpan<double> Posterior(int task) => _posteriors.AsSpan(task * ClassCount, ClassCount);

    /// <summary>The chosen class of one task.</summary>
    public int Label(int task) => _labels[task];
}
