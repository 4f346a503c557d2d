namespace Groundwork.Quality.Overlap;

/// <summary>
/// Adaptive overlap: ask for one more annotation while a task has fewer than <paramref name="MinAnnotations"/>,
/// or while its consensus confidence is below <paramref name="TargetConfidence"/> and it has fewer than
/// <paramref name="MaxAnnotations"/>. Easy tasks stop early; contested ones get more labels.
/// Use a calibrated posterior (Dawid-Skene or one-coin), not majority-vote shares: one label gives a
/// majority vote confidence of 1.
/// </summary>
/// <param name="TargetConfidence">The project's target, for instance 0.95.</param>
/// <param name="MaxAnnotations">The project's maximum overlap.</param>
/// <param name="MinAnnotations">Labels every task gets before confidence is trusted (default 2: one label says nothing about agreement).</param>
public sealed record AdaptiveOverlapPolicy(double TargetConfidence = 0.95, int MaxAnnotations = 5, int MinAnnotations = 2)
{
    /// <summary>Whether the task should be handed to one more annotator.</summary>
    public bool NeedsMore(double confidence, int annotations) =>
        annotations < MinAnnotations || (annotations < MaxAnnotations && confidence < TargetConfidence);

    /// <summary>Whether the task should be handed to one more annotator, from its posterior row.</summary>
    public bool NeedsMore(ReadOnlySpan<double> posterior, int annotations)
    {
        var max = 0.0;
        foreach (var p in posterior)
        {
            max = Math.Max(max, p);
        }

        return NeedsMore(max, annotations);
    }
}
