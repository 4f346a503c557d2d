namespace Groundwork.Quality.Pairwise;

/// <summary>One judgement: <paramref name="Worker"/> preferred item <paramref name="Winner"/> over item <paramref name="Loser"/> (dense indices).</summary>
public readonly record struct PairwiseComparison(int Winner, int Loser, int Worker);
