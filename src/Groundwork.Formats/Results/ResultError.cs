using System.Globalization;

namespace Groundwork.Formats.Results;

/// <summary>One problem in a Label Studio result array, located by region.</summary>
/// <param name="Index">The region's index in the result array, or -1 when the problem is with the array itself.</param>
/// <param name="RegionId">The region's <c>id</c>, if it has one.</param>
/// <param name="Field">The field at fault, as a path inside the region (<c>"from_name"</c>, <c>"value.points[2]"</c>).</param>
/// <param name="Message">Why it is wrong.</param>
public sealed record ResultError(int Index, string? RegionId, string Field, string Message)
{
    /// <summary><c>result[2] (id "abc"): value.rectanglelabels: label "Dgo" is not in RectangleLabels "label"</c>.</summary>
    public override string ToString()
    {
        var where = Index < 0 ? "result" : string.Create(CultureInfo.InvariantCulture, $"result[{Index}]");
        if (RegionId is not null)
        {
            where += $" (id \"{RegionId}\")";
        }

        return $"{where}: {Field}: {Message}";
    }
}
