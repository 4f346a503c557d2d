namespace Groundwork.Quality.Spans;

/// <summary>Span-level precision, recall and F1 against reference spans, by exact or overlap matching.</summary>
public static class SpanMatching
{
    /// <summary>Adds one item's counts: true positives for precision and recall (they differ under overlap matching).</summary>
    public static void Count(IReadOnlyList<TextSpan> reference, IReadOnlyList<TextSpan> predicted, bool exact, ref SpanCounts counts)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(predicted);
        foreach (var s in predicted)
        {
            counts.Predicted++;
            if (reference.Any(r => exact ? r == s : r.Overlaps(s)))
            {
                counts.MatchedPredicted++;
            }
        }

        foreach (var r in reference)
        {
            counts.Reference++;
            if (predicted.Any(s => exact ? r == s : r.Overlaps(s)))
            {
                counts.MatchedReference++;
            }
        }
    }
}
