namespace Groundwork.Quality.Categorical;

/// <summary>
/// Empirical-Bayes strength of a population prior. Each worker's parameters (a confusion row, an
/// earnest/spam split) get the Dirichlet prior <c>base + s * mean</c>, where <c>base</c> is the method's
/// fixed pseudo-counts, <c>mean</c> is the population's pooled estimate and <c>s</c>, the number of
/// pseudo-observations of the population each worker starts from, is chosen by maximum marginal
/// (Dirichlet-multinomial) likelihood of the workers' expected counts: workers who disagree with the
/// population push <c>s</c> towards 0 (the fixed prior alone, i.e. the model without pooling), workers
/// who all behave alike push it up, so a worker seen on a few tasks borrows the population's behaviour
/// instead of being free to explain its own answers.
/// </summary>
/// <remarks>
/// The callers accumulate the first and second derivatives of the log marginal likelihood with respect
/// to <c>s</c> (digamma and trigamma sums) and this class takes one guarded Newton step in <c>log s</c>.
/// The likelihood need not be concave in <c>log s</c>; where it is not, the step is a fixed move uphill.
/// For large <c>s</c> the likelihood is nearly flat and the derivative is a difference of nearly equal
/// digamma sums: a derivative smaller than the rounding error of those sums carries no sign, so it stops
/// the search instead of moving <c>s</c> (otherwise the order in which labels are added up, i.e. renaming
/// tasks or workers, could decide between two fits).
/// </remarks>
internal static class PriorStrength
{
    /// <summary>Where <c>s</c> starts: one pseudo-observation of the population.</summary>
    public const double Initial = 1.0;

    /// <summary>Below this the pooled part is negligible next to the fixed pseudo-counts.</summary>
    public const double Min = 1e-3;

    /// <summary>Above this every worker is the population to double precision for any realistic count.</summary>
    public const double Max = 1e9;

    /// <summary>Newton steps on the first iteration (from <see cref="Initial"/>); later iterations take one, warm-started.</summary>
    public const int FirstSteps = 50;

    private const double MaxLogStep = 2.0;

    private const double LogTolerance = 1e-6;

    /// <summary>Relative rounding error allowed per accumulated term: 64 units in the last place (2^-52 each).</summary>
    public const double RoundingError = 64 * 2.220446049250313e-16;

    /// <summary>
    /// One Newton step on <c>u = log s</c> given <c>d1 = dL/ds</c>, <c>d2 = d2L/ds2</c> and <paramref name="magnitude"/>,
    /// the sum of the absolute values of the terms that were added up into <c>d1</c>;
    /// returns the new strength and whether the search is over.
    /// </summary>
    public static double Step(double s, double d1, double d2, double magnitude, out bool converged)
    {
        if (Math.Abs(d1) <= RoundingError * magnitude)
        {
            converged = true;
            return s;
        }

        var gradient = s * d1;
        var curvature = (s * d1) + (s * s * d2);
        var step = curvature < 0 ? -gradient / curvature : Math.Sign(gradient) * MaxLogStep;
        step = Math.Clamp(step, -MaxLogStep, MaxLogStep);
        converged = Math.Abs(step) < LogTolerance || (s <= Min && step < 0) || (s >= Max && step > 0);
        return Math.Clamp(s * Math.Exp(step), Min, Max);
    }
}
