using System.Globalization;

namespace Groundwork.Quality.Agreement;

/// <summary>
/// Inter-annotator agreement. Tasks with fewer than two labels carry no agreement information and are
/// skipped by every multi-rater metric. A metric whose chance agreement is total (everyone always gives
/// the same single class) is undefined and returned as <see cref="double.NaN"/>.
/// </summary>
public static class AgreementMetrics
{
    /// <summary>Mean over tasks (with two or more labels) of the share of label pairs that agree.</summary>
    public static double PercentAgreement(LabelTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var (sum, units) = (0.0, 0);
        ForEachUnit(table, (counts, m) =>
        {
            sum += PairAgreement(counts, m);
            units++;
        });
        return units == 0 ? double.NaN : sum / units;
    }

    /// <summary>Cohen's kappa of two raters over the same items (class indices, equal lengths).</summary>
    public static double CohensKappa(ReadOnlySpan<int> a, ReadOnlySpan<int> b, int classCount)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("the two raters must rate the same items");
        }

        if (a.IsEmpty)
        {
            return double.NaN;
        }

        var ca = new double[classCount];
        var cb = new double[classCount];
        var agree = 0;
        for (var i = 0; i < a.Length; i++)
        {
            ca[a[i]]++;
            cb[b[i]]++;
            agree += a[i] == b[i] ? 1 : 0;
        }

        double n = a.Length;
        var po = agree / n;
        var pe = 0.0;
        for (var c = 0; c < classCount; c++)
        {
            pe += ca[c] / n * (cb[c] / n);
        }

        return pe >= 1 ? double.NaN : (po - pe) / (1 - pe);
    }

    /// <summary>Cohen's kappa of two workers on the tasks both labelled (NaN when they share none).</summary>
    public static double CohensKappa(LabelTable table, int workerA, int workerB)
    {
        ArgumentNullException.ThrowIfNull(table);
        var a = new List<int>();
        var b = new List<int>();
        var offsets = table.TaskOffsets;
        var workers = table.LabelWorkers;
        var classes = table.LabelClasses;
        for (var t = 0; t < table.TaskCount; t++)
        {
            int la = -1, lb = -1;
            for (var j = offsets[t]; j < offsets[t + 1]; j++)
            {
                if (workers[j] == workerA)
                {
                    la = classes[j];
                }
                else if (workers[j] == workerB)
                {
                    lb = classes[j];
                }
            }

            if (la >= 0 && lb >= 0)
            {
                a.Add(la);
                b.Add(lb);
            }
        }

        return CohensKappa(a.ToArray(), b.ToArray(), table.ClassCount);
    }

    /// <summary>Fleiss' kappa, generalised to a varying number of labels per task (tasks with one label skipped).</summary>
    public static double FleissKappa(LabelTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var k = table.ClassCount;
        var totals = new double[k];
        var (sumP, units, labels) = (0.0, 0, 0.0);
        ForEachUnit(table, (counts, m) =>
        {
            sumP += PairAgreement(counts, m);
            units++;
            labels += m;
            for (var c = 0; c < k; c++)
            {
                totals[c] += counts[c];
            }
        });
        if (units == 0)
        {
            return double.NaN;
        }

        var pe = 0.0;
        for (var c = 0; c < k; c++)
        {
            var p = totals[c] / labels;
            pe += p * p;
        }

        var pBar = sumP / units;
        return pe >= 1 ? double.NaN : (pBar - pe) / (1 - pe);
    }

    /// <summary>Fleiss' per-category kappa for each class (NaN for a class never or always given).</summary>
    public static double[] FleissKappaPerClass(LabelTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var k = table.ClassCount;
        var totals = new double[k];
        var disagreement = new double[k];
        var (pairs, labels) = (0.0, 0.0);
        ForEachUnit(table, (counts, m) =>
        {
            pairs += m * (m - 1);
            labels += m;
            for (var c = 0; c < k; c++)
            {
                totals[c] += counts[c];
                disagreement[c] += counts[c] * (m - counts[c]);
            }
        });
        var result = new double[k];
        for (var c = 0; c < k; c++)
        {
            var p = labels == 0 ? 0 : totals[c] / labels;
            var denominator = pairs * p * (1 - p);
            result[c] = denominator <= 0 ? double.NaN : 1 - (disagreement[c] / denominator);
        }

        return result;
    }

    /// <summary>
    /// Krippendorff's alpha. For <see cref="KrippendorffLevel.Interval"/> the class values are
    /// <paramref name="classValues"/> when given, else the class names parsed as numbers, else the class indices.
    /// </summary>
    public static double KrippendorffAlpha(LabelTable table, KrippendorffLevel level, ReadOnlySpan<double> classValues = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        var k = table.ClassCount;

        // Coincidence matrix o[c, d]: each unit with m >= 2 values contributes its ordered pairs, weighted 1 / (m - 1).
        var o = new double[k * k];
        ForEachUnit(table, (counts, m) =>
        {
            for (var c = 0; c < k; c++)
            {
                if (counts[c] == 0)
                {
                    continue;
                }

                for (var d = 0; d < k; d++)
                {
                    var pairsCd = counts[c] * (c == d ? counts[d] - 1 : counts[d]);
                    o[(c * k) + d] += pairsCd / (m - 1.0);
                }
            }
        });
        var nc = new double[k];
        var n = 0.0;
        for (var c = 0; c < k; c++)
        {
            for (var d = 0; d < k; d++)
            {
                nc[c] += o[(c * k) + d];
            }

            n += nc[c];
        }

        if (n <= 1)
        {
            return double.NaN;
        }

        var values = level == KrippendorffLevel.Interval ? IntervalValues(table, classValues) : null;
        double observed = 0, expected = 0;
        for (var c = 0; c < k; c++)
        {
            for (var d = 0; d < k; d++)
            {
                var delta = Distance(level, c, d, nc, values);
                observed += o[(c * k) + d] * delta;
                expected += nc[c] * nc[d] * delta;
            }
        }

        return expected <= 0 ? double.NaN : 1 - ((n - 1) * observed / expected);
    }

    private static double Distance(KrippendorffLevel level, int c, int d, double[] nc, double[]? values)
    {
        if (c == d)
        {
            return 0;
        }

        switch (level)
        {
            case KrippendorffLevel.Nominal:
                return 1;
            case KrippendorffLevel.Interval:
                var diff = values![c] - values[d];
                return diff * diff;
            default:
                var (lo, hi) = c < d ? (c, d) : (d, c);
                var sum = 0.0;
                for (var g = lo; g <= hi; g++)
                {
                    sum += nc[g];
                }

                sum -= (nc[lo] + nc[hi]) / 2;
                return sum * sum;
        }
    }

    private static double[] IntervalValues(LabelTable table, ReadOnlySpan<double> given)
    {
        if (!given.IsEmpty)
        {
            if (given.Length != table.ClassCount)
            {
                throw new ArgumentException("one value per class", nameof(given));
            }

            return given.ToArray();
        }

        var values = new double[table.ClassCount];
        for (var c = 0; c < values.Length; c++)
        {
            if (!double.TryParse(table.ClassName(c), NumberStyles.Float, CultureInfo.InvariantCulture, out values[c]))
            {
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = i;
                }

                break;
            }
        }

        return values;
    }

    private static double PairAgreement(int[] counts, int m)
    {
        var agreeing = 0.0;
        foreach (var x in counts)
        {
            agreeing += x * (x - 1.0);
        }

        return agreeing / (m * (m - 1.0));
    }

    /// <summary>Calls <paramref name="visit"/> with the class counts and size of every task having two or more labels.</summary>
    private static void ForEachUnit(LabelTable table, Action<int[], int> visit)
    {
        var counts = new int[table.ClassCount];
        var offsets = table.TaskOffsets;
        var classes = table.LabelClasses;
        for (var t = 0; t < table.TaskCount; t++)
        {
            var m = offsets[t + 1] - offsets[t];
            if (m < 2)
            {
                continue;
            }

            Array.Clear(counts);
            for (var j = offsets[t]; j < offsets[t + 1]; j++)
            {
                counts[classes[j]]++;
            }

            visit(counts, m);
        }
    }
}
