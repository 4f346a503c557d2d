using Groundwork.Quality.Categorical;

namespace Groundwork.Quality;

/// <summary>One categorical aggregation method in the catalogue.</summary>
/// <param name="Name">The short name used by the CLI and the project setting (mv, wmv, ds ...).</param>
/// <param name="Description">One line for <c>--list</c>.</param>
/// <param name="Run">Runs the method with default settings.</param>
public sealed record AggregationMethod(string Name, string Description, Func<LabelTable, CategoricalResult> Run);
