namespace Groundwork.Quality.Spans;

/// <summary>Running span-matching counts over a corpus.</summary>
public struct SpanCounts
{
    public int Predicted { get; set; }

    public int Reference { get; set; }

    public int MatchedPredicted { get; set; }

    public int MatchedReference { get; set; }

    public readonly double Precision => Predicted == 0 ? double.NaN : (double)MatchedPredicted / Predicted;

    public readonly double Recall => Reference == 0 ? double.NaN : (double)MatchedReference / Reference;

    public readonly double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}
