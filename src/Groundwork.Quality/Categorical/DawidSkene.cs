using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Groundwork.Quality.Categorical;

/// <summary>
/// Dawid-Skene (1979): a full confusion matrix per worker and a class prior, fitted by EM from a
/// majority-vote start, with a hierarchical (empirical-Bayes) prior on the confusion rows. Row <c>z</c>
/// of worker <c>w</c> (what <c>w</c> answers when the truth is <c>z</c>) has the Dirichlet prior
/// <c>base + s * pooled(z)</c>: <c>base</c> is one imaginary correct answer and a tenth of an answer per
/// confusion (<see cref="DiagonalPseudoCount"/>, <see cref="OffDiagonalPseudoCount"/>), <c>pooled(z)</c> is
/// the population's confusion row (all workers' expected counts plus <c>base</c>, its diagonal raised to the
/// row's largest entry where another answer outnumbers it, normalised) and the
/// strength <c>s</c> is re-estimated every iteration by maximum marginal likelihood of the workers' rows
/// (<see cref="PriorStrength"/>). With <c>s = 0</c> this is the classic model with a fixed prior; the data
/// set <c>s</c>: large when workers behave alike, small when they differ.
/// </summary>
/// <remarks>
/// <para>Why the pooled part: a row with no evidence (a worker who never saw a task of class <c>z</c>, or
/// saw it only on tasks it alone labels) is otherwise free, and with a learned class prior the fit can
/// explain such a worker's answers as "truth is the frequent class, the worker swaps it", even when every
/// worker is perfect. Under the hierarchical prior that row's posterior is the population's row, which
/// says nobody swaps; see docs/quality.md, "Perfect annotators and identifiability".</para>
/// <para>Layout: labels are walked in task order; each label carries one precomputed offset
/// <c>(worker * K + observed) * K</c> into a flat log-confusion array stored observed-major, so the
/// K numbers an E-step needs (and an M-step updates) for one label are contiguous. E- and M-steps are
/// fused: each pass computes the new posteriors of a block of tasks and immediately adds them to the
/// next iteration's counts, so an iteration reads the labels once. The strength step costs
/// O(workers * K^2) digamma/trigamma evaluations per iteration. Memory: O(labels + tasks * K + workers * K^2).
/// Skill: the worker's expected accuracy, sum over k of prior(k) * P(answer k | truth k).</para>
/// </remarks>
public static class DawidSkene
{
    public const string Name = "ds";

    public const double DiagonalPseudoCount = 1.0;

    public const double OffDiagonalPseudoCount = 0.1;

    private const int BlockTasks = 512;

    public static CategoricalResult Run(LabelTable table, EmOptions? options = null) => Run(table, options, pooledPrior: true);

    /// <summary>
    /// <paramref name="pooledPrior"/> false keeps the strength at 0: the classic fixed prior, kept so the tests can
    /// show the crowds on which that model fails "perfect annotators recover the truth".
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static CategoricalResult Run(LabelTable table, EmOptions? options, bool pooledPrior)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= EmOptions.Default;
        var k = table.ClassCount;
        var kk = k * k;
        var taskCount = table.TaskCount;
        var offsets = table.TaskOffsetsArray;
        var workers = table.LabelWorkersArray;
        var classes = table.LabelClassesArray;
        var n = classes.Length;

        var cell = ArrayPool<int>.Shared.Rent(n);
        for (var j = 0; j < n; j++)
        {
            cell[j] = ((workers[j] * k) + classes[j]) * k;
        }

        var post = Posteriors.VoteShares(table, default);
        var counts = new double[table.WorkerCount * kk];
        var logConfusion = new double[counts.Length];
        var prior = new double[k];
        var logPrior = new double[k];
        var block = new double[BlockTasks * k];

        var pooled = new double[kk];
        var strength = pooledPrior ? PriorStrength.Initial : 0.0;

        Accumulate(post, 0, taskCount, offsets, cell, counts, k);
        Posteriors.ClassPrior(post, k, prior, 1.0);

        var iterations = 0;
        var converged = false;
        while (iterations < options.MaxIterations)
        {
            iterations++;
            Pool(counts, pooled, table.WorkerCount, k);
            if (pooledPrior)
            {
                strength = FitStrength(counts, pooled, strength, table.WorkerCount, k, iterations == 1 ? PriorStrength.FirstSteps : 1);
            }

            NormalizeLog(counts, pooled, strength, logConfusion, table.WorkerCount, k);
            for (var c = 0; c < k; c++)
            {
                logPrior[c] = Math.Log(prior[c]);
            }

            Array.Clear(counts);
            Array.Clear(prior);
            var maxDelta = 0.0;
            for (var t0 = 0; t0 < taskCount; t0 += BlockTasks)
            {
                var t1 = Math.Min(taskCount, t0 + BlockTasks);
                var rows = block.AsSpan(0, (t1 - t0) * k);
                EStep(rows, t0, t1, offsets, cell, logConfusion, logPrior, k);
                var target = post.AsSpan(t0 * k, rows.Length);
                maxDelta = Math.Max(maxDelta, Posteriors.MaxAbsDifference(rows, target));
                rows.CopyTo(target);
                Accumulate(post, t0, t1, offsets, cell, counts, k);
                for (var r = 0; r < rows.Length; r += k)
                {
                    for (var c = 0; c < k; c++)
                    {
                        prior[c] += rows[r + c];
                    }
                }
            }

            NormalizePrior(prior);
            if (maxDelta < options.Tolerance)
            {
                converged = true;
                break;
            }
        }

        ArrayPool<int>.Shared.Return(cell);
        Pool(counts, pooled, table.WorkerCount, k);
        var skills = Skills(counts, pooled, strength, prior, table.WorkerCount, k);
        var labels = Posteriors.ArgMaxRows(post, k, table.ClassTieBreakOrder);
        return new CategoricalResult(Name, k, labels, post, skills, iterations, converged);
    }

    private static double Base(int observed, int truth) => observed == truth ? DiagonalPseudoCount : OffDiagonalPseudoCount;

    /// <summary>pooled[o * K + z] = P(answer o | truth z) over all workers' expected counts plus the base pseudo-counts.</summary>
    private static void Pool(double[] counts, double[] pooled, int workerCount, int k)
    {
        var kk = k * k;
        for (var o = 0; o < k; o++)
        {
            for (var z = 0; z < k; z++)
            {
                pooled[(o * k) + z] = Base(o, z);
            }
        }

        for (var b = 0; b < workerCount * kk; b += kk)
        {
            for (var i = 0; i < kk; i++)
            {
                pooled[i] += counts[b + i];
            }
        }

        for (var z = 0; z < k; z++)
        {
            var column = 0.0;
            var largest = 0.0;
            for (var o = 0; o < k; o++)
            {
                column += pooled[(o * k) + z];
                largest = Math.Max(largest, pooled[(o * k) + z]);
            }

            // Identifiability: the population answers z more often than any other class when the truth is z.
            var diagonal = (z * k) + z;
            column += largest - pooled[diagonal];
            pooled[diagonal] = largest;
            for (var o = 0; o < k; o++)
            {
                pooled[(o * k) + z] /= column;
            }
        }
    }

    /// <summary>
    /// Newton steps on the log marginal likelihood of every worker's confusion rows under
    /// Dirichlet(base + s * pooled), as a function of s (see <see cref="PriorStrength"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double FitStrength(double[] counts, double[] pooled, double strength, int workerCount, int k, int steps)
    {
        var kk = k * k;
        Span<double> alpha = kk <= 256 ? stackalloc double[kk] : new double[kk];
        Span<double> digammaAlpha = kk <= 256 ? stackalloc double[kk] : new double[kk];
        Span<double> trigammaAlpha = kk <= 256 ? stackalloc double[kk] : new double[kk];
        Span<double> total = k <= 128 ? stackalloc double[k] : new double[k];
        var baseRow = DiagonalPseudoCount + ((k - 1) * OffDiagonalPseudoCount);
        for (var step = 0; step < steps; step++)
        {
            var s = strength;
            for (var i = 0; i < kk; i++)
            {
                alpha[i] = Base(i / k, i % k) + (s * pooled[i]);
                digammaAlpha[i] = SpecialFunctions.Digamma(alpha[i]);
                trigammaAlpha[i] = SpecialFunctions.Trigamma(alpha[i]);
            }

            var rowAlpha = baseRow + s;
            var digammaRow = SpecialFunctions.Digamma(rowAlpha);
            var trigammaRow = SpecialFunctions.Trigamma(rowAlpha);
            double d1 = 0, d2 = 0, magnitude = 0;
            for (var b = 0; b < workerCount * kk; b += kk)
            {
                total.Clear();
                for (var i = 0; i < kk; i++)
                {
                    var c = counts[b + i];
                    total[i % k] += c;
                    var m = pooled[i];
                    var digamma = SpecialFunctions.Digamma(c + alpha[i]);
                    d1 += m * (digamma - digammaAlpha[i]);
                    magnitude += m * (Math.Abs(digamma) + Math.Abs(digammaAlpha[i]));
                    d2 += m * m * (SpecialFunctions.Trigamma(c + alpha[i]) - trigammaAlpha[i]);
                }

                for (var z = 0; z < k; z++)
                {
                    var digamma = SpecialFunctions.Digamma(total[z] + rowAlpha);
                    d1 += digammaRow - digamma;
                    magnitude += Math.Abs(digammaRow) + Math.Abs(digamma);
                    d2 += trigammaRow - SpecialFunctions.Trigamma(total[z] + rowAlpha);
                }
            }

            strength = PriorStrength.Step(s, d1, d2, magnitude, out var done);
            if (done)
            {
                break;
            }
        }

        return strength;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Accumulate(double[] post, int t0, int t1, int[] offsets, int[] cell, double[] counts, int k)
    {
        for (var t = t0; t < t1; t++)
        {
            var row = post.AsSpan(t * k, k);
            for (var j = offsets[t]; j < offsets[t + 1]; j++)
            {
                var target = counts.AsSpan(cell[j], k);
                for (var c = 0; c < row.Length; c++)
                {
                    target[c] += row[c];
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EStep(Span<double> rows, int t0, int t1, int[] offsets, int[] cell, double[] logConfusion, double[] logPrior, int k)
    {
        for (var t = t0; t < t1; t++)
        {
            var row = rows.Slice((t - t0) * k, k);
            logPrior.AsSpan().CopyTo(row);
            for (var j = offsets[t]; j < offsets[t + 1]; j++)
            {
                var source = logConfusion.AsSpan(cell[j], k);
                for (var c = 0; c < row.Length; c++)
                {
                    row[c] += source[c];
                }
            }
        }

        Posteriors.SoftmaxRows(rows, k);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NormalizeLog(double[] counts, double[] pooled, double strength, double[] logConfusion, int workerCount, int k)
    {
        Span<double> column = k <= 128 ? stackalloc double[k] : new double[k];
        var kk = k * k;
        Span<double> pseudo = kk <= 256 ? stackalloc double[kk] : new double[kk];
        for (var i = 0; i < kk; i++)
        {
            pseudo[i] = Base(i / k, i % k) + (strength * pooled[i]);
        }

        var rowPseudo = DiagonalPseudoCount + ((k - 1) * OffDiagonalPseudoCount) + strength;
        for (var w = 0; w < workerCount; w++)
        {
            var b = w * kk;
            column.Fill(rowPseudo);
            for (var o = 0; o < k; o++)
            {
                for (var t = 0; t < k; t++)
                {
                    column[t] += counts[b + (o * k) + t];
                }
            }

            for (var o = 0; o < k; o++)
            {
                for (var t = 0; t < k; t++)
                {
                    var i = (o * k) + t;
                    logConfusion[b + i] = Math.Log((counts[b + i] + pseudo[i]) / column[t]);
                }
            }
        }
    }

    private static void NormalizePrior(double[] prior)
    {
        var sum = 0.0;
        for (var c = 0; c < prior.Length; c++)
        {
            prior[c] += 1.0;
            sum += prior[c];
        }

        for (var c = 0; c < prior.Length; c++)
        {
            prior[c] /= sum;
        }
    }

    private static double[] Skills(double[] counts, double[] pooled, double strength, double[] prior, int workerCount, int k)
    {
        var skills = new double[workerCount];
        var kk = k * k;
        var rowPseudo = DiagonalPseudoCount + ((k - 1) * OffDiagonalPseudoCount) + strength;
        for (var w = 0; w < workerCount; w++)
        {
            var b = w * kk;
            var accuracy = 0.0;
            for (var t = 0; t < k; t++)
            {
                var column = rowPseudo;
                for (var o = 0; o < k; o++)
                {
                    column += counts[b + (o * k) + t];
                }

                var i = (t * k) + t;
                accuracy += prior[t] * (counts[b + i] + DiagonalPseudoCount + (strength * pooled[i])) / column;
            }

            Debug.Assert(accuracy is >= 0 and <= 1 + 1e-9, "an accuracy");
            skills[w] = accuracy;
        }

        return skills;
    }
}
