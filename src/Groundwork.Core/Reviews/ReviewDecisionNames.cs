namespace Groundwork.Core.Reviews;

/// <summary>The stable wire and storage names of <see cref="ReviewDecision"/> values (an annotation's <c>review_state</c>).</summary>
public static class ReviewDecisionNames
{
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Fixed = "fixed";

    public static IReadOnlyList<string> All { get; } = [Accepted, Rejected, Fixed];

    public static string ToName(this ReviewDecision decision) => decision switch
    {
        ReviewDecision.Accepted => Accepted,
        ReviewDecision.Rejected => Rejected,
        ReviewDecision.Fixed => Fixed,
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, null),
    };

    public static bool TryParse(string? name, out ReviewDecision decision)
    {
        switch (name)
        {
            case Accepted: decision = ReviewDecision.Accepted; return true;
            case Rejected: decision = ReviewDecision.Rejected; return true;
            case Fixed: decision = ReviewDecision.Fixed; return true;
            default: decision = default; return false;
        }
    }

    public static ReviewDecision Parse(string name) =>
        TryParse(name, out var decision) ? decision : throw new FormatException($"Unknown review decision '{name}'.");
}
