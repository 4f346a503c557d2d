namespace Groundwork.Quality.Categorical;

/// <summary>Special functions the variational and empirical-Bayes steps need.</summary>
internal static class SpecialFunctions
{
    /// <summary>The digamma function for x &gt; 0 (recurrence up to 6, then the asymptotic series; error below 1e-12).</summary>
    public static double Digamma(double x)
    {
        var result = 0.0;
        while (x < 6)
        {
            result -= 1 / x;
            x += 1;
        }

        var inv = 1 / x;
        var inv2 = inv * inv;
        var series = inv2 * ((1.0 / 12) - (inv2 * ((1.0 / 120) - (inv2 * ((1.0 / 252) - (inv2 * ((1.0 / 240) - (inv2 / 132))))))));
        return result + Math.Log(x) - (0.5 * inv) - series;
    }

    /// <summary>The trigamma function (derivative of digamma) for x &gt; 0 (recurrence up to 6, then the asymptotic series; error below 1e-11).</summary>
    public static double Trigamma(double x)
    {
        var result = 0.0;
        while (x < 6)
        {
            result += 1 / (x * x);
            x += 1;
        }

        var inv = 1 / x;
        var inv2 = inv * inv;
        var series = inv * inv2 * ((1.0 / 6) - (inv2 * ((1.0 / 30) - (inv2 * ((1.0 / 42) - (inv2 / 30))))));
        return result + inv + (0.5 * inv2) + series;
    }
}
