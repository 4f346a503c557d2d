namespace Groundwork.Quality.Agreement;

/// <summary>The level of measurement for Krippendorff's alpha.</summary>
public enum KrippendorffLevel
{
    /// <summary>Classes are unordered: any disagreement counts 1.</summary>
    Nominal = 0,

    /// <summary>Classes are ranked in class-index order; distance from the cumulative frequencies between them.</summary>
    Ordinal = 1,

    /// <summary>Classes have numeric values; distance is the squared difference.</summary>
    Interval = 2,
}
