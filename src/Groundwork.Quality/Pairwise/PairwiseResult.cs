namespace Groundwork.Quality.Pairwise;

/// <summary>Scores (log-strengths, geometric mean 0), the items ranked best first, and per-worker reliability.</summary>
/// <param name="Scores">Per item, its log-strength: P(i beats j) = sigmoid(Scores[i] - Scores[j]).</param>
/// <param name="Ranking">Item indices by descending score; ties by lower index.</param>
/// <param name="WorkerReliability">Per worker, the probability its judgements follow the scores rather than a coin (1 for plain Bradley-Terry).</param>
/// <param name="Iterations">Iterations run.</param>
public sealed record PairwiseResult(double[] Scores, int[] Ranking, double[] WorkerReliability, int Iterations);
