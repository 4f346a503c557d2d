namespace Groundwork.Quality.Categorical;

/// <summary>Stopping rule of the iterative methods (EM and fixed-point).</summary>
/// <param name="MaxIterations">Iteration cap (default 100).</param>
/// <param name="Tolerance">Stop when no task's posterior moves by more than this between iterations (default 1e-6); 0 runs every iteration.</param>
public sealed record EmOptions(int MaxIterations = 100, double Tolerance = 1e-6)
{
    public static EmOptions Default { get; } = new();
}
