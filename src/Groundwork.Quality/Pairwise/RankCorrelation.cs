namespace Groundwork.Quality.Pairwise;

/// <summary>Rank agreement between scores and a reference.</summary>
public static class RankCorrelation
{
    /// <summary>Spearman's rho: Pearson correlation of the ranks, tied values sharing their mean rank.</summary>
    public static double Spearman(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length || a.Length < 2)
        {
            throw new ArgumentException("two sequences of equal length, at least 2");
        }

        var ra = Ranks(a);
        var rb = Ranks(b);
        double ma = 0, mb = 0;
        for (var i = 0; i < ra.Length; i++)
        {
            ma += ra[i];
            mb += rb[i];
        }

        ma /= ra.Length;
        mb /= rb.Length;
        double cov = 0, va = 0, vb = 0;
        for (var i = 0; i < ra.Length; i++)
        {
            cov += (ra[i] - ma) * (rb[i] - mb);
            va += (ra[i] - ma) * (ra[i] - ma);
            vb += (rb[i] - mb) * (rb[i] - mb);
        }

        return cov / Math.Sqrt(va * vb);
    }

    /// <summary>Of the pairs whose reference values differ, the share the scores order the same way (score ties count half).</summary>
    public static double ConcordantShare(ReadOnlySpan<double> scores, ReadOnlySpan<double> reference, ReadOnlySpan<(int A, int B)> pairs)
    {
        double good = 0;
        var n = 0;
        foreach (var (x, y) in pairs)
        {
            if (reference[x] == reference[y])
            {
                continue;
            }

            n++;
            var s = (scores[x] - scores[y]) * (reference[x] - reference[y]);
            good += s > 0 ? 1 : s == 0 ? 0.5 : 0;
        }

        return n == 0 ? double.NaN : good / n;
    }

    private static double[] Ranks(ReadOnlySpan<double> values)
    {
        var order = new int[values.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var copy = values.ToArray();
        Array.Sort(order, (x, y) => copy[x].CompareTo(copy[y]));
        var ranks = new double[values.Length];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && copy[order[j + 1]] == copy[order[i]])
            {
                j++;
            }

            for (var k = i; k <= j; k++)
            {
                ranks[order[k]] = (i + j) / 2.0 + 1;
            }

            i = j + 1;
        }

        return ranks;
    }
}
