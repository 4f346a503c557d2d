using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Groundwork.Quality.Categorical;

/// <summary>Shared numeric kernels for posterior rows stored row-major in flat arrays.</summary>
internal static class Posteriors
{
    /// <summary>Relative difference below which two posterior values count as equal (a few hundred ulps): the same sums taken in another
    /// order differ in their last bits.</summary>
    public const double TieTolerance = 1e-13;

    /// <summary>Turns rows of log-probabilities (up to a constant per row) into probabilities in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SoftmaxRows(Span<double> rows, int classCount)
    {
        Debug.Assert(rows.Length % classCount == 0, "whole rows");
        for (var r = 0; r < rows.Length; r += classCount)
        {
            var row = rows.Slice(r, classCount);
            var max = row[0];
            for (var k = 1; k < row.Length; k++)
            {
                if (row[k] > max)
                {
                    max = row[k];
                }
            }

            for (var k = 0; k < row.Length; k++)
            {
                row[k] -= max;
            }
        }

        ExpInPlace(rows);
        for (var r = 0; r < rows.Length; r += classCount)
        {
            var row = rows.Slice(r, classCount);
            var sum = 0.0;
            for (var k = 0; k < row.Length; k++)
            {
                sum += row[k];
            }

            var inv = 1.0 / sum;
            for (var k = 0; k < row.Length; k++)
            {
                row[k] *= inv;
            }
        }
    }

    /// <summary>Element-wise exp, vectorised where the hardware allows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ExpInPlace(Span<double> values)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<double>.Count)
        {
            ref var start = ref MemoryMarshal.GetReference(values);
            for (; i <= values.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                Vector256.Exp(v).StoreUnsafe(ref start, (nuint)i);
            }
        }

        for (; i < values.Length; i++)
        {
            values[i] = Math.Exp(values[i]);
        }
    }

    /// <summary>Arg-max of a row; exact ties go to the class earliest in <paramref name="tieOrder"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ArgMax(ReadOnlySpan<double> row, ReadOnlySpan<int> tieOrder)
    {
        var best = tieOrder[0];
        var bestValue = row[best];
        for (var i = 1; i < tieOrder.Length; i++)
        {
            var c = tieOrder[i];
            if (row[c] > bestValue)
            {
                best = c;
                bestValue = row[c];
            }
        }

        return best;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] ArgMaxRows(ReadOnlySpan<double> rows, int classCount, ReadOnlySpan<int> tieOrder)
    {
        var labels = new int[rows.Length / classCount];
        for (var t = 0; t < labels.Length; t++)
        {
            labels[t] = ArgMax(rows.Slice(t * classCount, classCount), tieOrder);
        }

        return labels;
    }

    /// <summary>Per-task vote shares, weighted by <paramref name="workerWeights"/> (empty: one vote each).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] VoteShares(LabelTable table, ReadOnlySpan<double> workerWeights)
    {
        var k = table.ClassCount;
        var offsets = table.TaskOffsets;
        var workers = table.LabelWorkers;
        var classes = table.LabelClasses;
        var shares = new double[table.TaskCount * k];
        var weighted = !workerWeights.IsEmpty;
        for (var t = 0; t < table.TaskCount; t++)
        {
            var row = shares.AsSpan(t * k, k);
            var total = 0.0;
            for (var j = offsets[t]; j < offsets[t + 1]; j++)
            {
                var w = weighted ? workerWeights[workers[j]] : 1.0;
                row[classes[j]] += w;
                total += w;
            }

            if (total <= 0)
            {
                // Every voter has zero weight: fall back to one vote each.
                row.Clear();
                for (var j = offsets[t]; j < offsets[t + 1]; j++)
                {
                    row[classes[j]] += 1;
                }

                total = offsets[t + 1] - offsets[t];
            }

            var inv = 1.0 / total;
            for (var c = 0; c < k; c++)
            {
                row[c] *= inv;
            }
        }

        return shares;
    }

    /// <summary>
    /// Per worker, the share of its labels that agree with the vote <paramref name="shares"/> (0.5 for a worker
    /// with no labels). A label agrees when its class has the task's largest share; where several classes tie
    /// for it (within <see cref="TieTolerance"/>), each of them earns an equal part of one agreement, so the
    /// result does not depend on how classes are named or ordered.
    /// </summary>
    public static double[] Agreement(LabelTable table, ReadOnlySpan<double> shares)
    {
        var k = table.ClassCount;
        var offsets = table.TaskOffsets;
        var workers = table.LabelWorkers;
        var classes = table.LabelClasses;
        var agree = new double[table.WorkerCount];
        var count = new int[table.WorkerCount];
        Span<bool> top = k <= 256 ? stackalloc bool[k] : new bool[k];
        for (var t = 0; t < table.TaskCount; t++)
        {
            var row = shares.Slice(t * k, k);
            var best = row[0];
            for (var c = 1; c < k; c++)
            {
                best = Math.Max(best, row[c]);
            }

            var tied = 0;
            for (var c = 0; c < k; c++)
            {
                top[c] = best - row[c] <= TieTolerance * Math.Abs(best);
                tied += top[c] ? 1 : 0;
            }

            var credit = 1.0 / tied;
            for (var j = offsets[t]; j < offsets[t + 1]; j++)
            {
                count[workers[j]]++;
                if (top[classes[j]])
                {
                    agree[workers[j]] += credit;
                }
            }
        }

        for (var w = 0; w < agree.Length; w++)
        {
            agree[w] = count[w] == 0 ? 0.5 : agree[w] / count[w];
        }

        return agree;
    }

    /// <summary>Mean of each class's posterior over tasks (the estimated class prior).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ClassPrior(ReadOnlySpan<double> rows, int classCount, Span<double> prior, double pseudoCount)
    {
        prior.Fill(pseudoCount);
        for (var r = 0; r < rows.Length; r += classCount)
        {
            for (var k = 0; k < classCount; k++)
            {
                prior[k] += rows[r + k];
            }
        }

        var sum = 0.0;
        foreach (var p in prior)
        {
            sum += p;
        }

        for (var k = 0; k < classCount; k++)
        {
            prior[k] /= sum;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double MaxAbsDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var max = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = Math.Abs(a[i] - b[i]);
            if (d > max)
            {
                max = d;
            }
        }

        return max;
    }
}
