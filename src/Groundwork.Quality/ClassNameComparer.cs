using System.Globalization;

namespace Groundwork.Quality;

/// <summary>
/// The deterministic order of class names: numeric when every name parses as an integer
/// (so "2" sorts before "10"), otherwise ordinal.
/// </summary>
public sealed class ClassNameComparer : IComparer<string>
{
    private readonly bool _numeric;

    private ClassNameComparer(bool numeric) => _numeric = numeric;

    public static ClassNameComparer Ordinal { get; } = new(false);

    public static ClassNameComparer Numeric { get; } = new(true);

    /// <summary>The comparer to use for this set of names.</summary>
    public static ClassNameComparer For(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var n in names)
        {
            if (!long.TryParse(n, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                return Ordinal;
            }
        }

        return Numeric;
    }

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return string.CompareOrdinal(x, y);
        }

        if (_numeric)
        {
            var a = long.Parse(x, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            var b = long.Parse(y, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            var c = a.CompareTo(b);
            if (c != 0)
            {
                return c;
            }
        }

        return string.CompareOrdinal(x, y);
    }
}
