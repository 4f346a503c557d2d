namespace Groundwork.Quality.Numeric;

/// <summary>One numeric answer (a rating or a quantity) by <paramref name="Worker"/> on <paramref name="Task"/> (dense indices).</summary>
public readonly record struct NumericAnswer(int Task, int Worker, double Value);
