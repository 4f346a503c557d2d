namespace Groundwork.Core.Reviews;

/// <summary>
/// What a project's review queue offers: <see cref="Policy"/> picks the annotations (none, all, or those of
/// completed tasks whose consensus confidence is below <see cref="EffectiveThreshold"/>), and of those a
/// <see cref="SampleRate"/> share (0 &lt; rate ≤ 1) is drawn, by annotation id, so the same annotations stay drawn.
/// <see cref="Threshold"/> falls back to the project's adaptive-overlap target when unset.
/// </summary>
public sealed record ProjectReviewSettings(ReviewPolicy Policy, double SampleRate, double? Threshold)
{
    /// <summary>Buckets of the sample draw: an annotation is drawn when <c>(id * 7919) mod 10000</c> is below <c>rate * 10000</c>.</summary>
    public const int SampleBuckets = 10_000;

    /// <summary>A prime coprime with <see cref="SampleBuckets"/>: consecutive ids spread evenly over the buckets.</summary>
    public const int SampleStride = 7919;

    public static ProjectReviewSettings Default { get; } = new(ReviewPolicy.None, 1, null);

    /// <summary>The confidence below which a task counts as uncertain: the review threshold, else the adaptive target.</summary>
    public double? EffectiveThreshold(double? adaptiveTarget) => Threshold ?? adaptiveTarget;

    /// <summary>How many of the <see cref="SampleBuckets"/> buckets are drawn.</summary>
    public int SampleCut => (int)Math.Round(SampleRate * SampleBuckets, MidpointRounding.AwayFromZero);

    /// <summary>Whether the sample draws annotation <paramref name="annotationId"/> (the same rule the store's SQL applies).</summary>
    public bool Draws(long annotationId) => annotationId * SampleStride % SampleBuckets < SampleCut;
}
