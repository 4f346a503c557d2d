namespace Groundwork.Quality.Categorical;

/// <summary>Special functions the variational methods need.</summary>
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
}
