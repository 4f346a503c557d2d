namespace Groundwork.Core.Reviews;

/// <summary>The stable wire and storage names of <see cref="ReviewPolicy"/> values.</summary>
public static class ReviewPolicyNames
{
    public const string None = "none";
    public const string All = "all";
    public const string Uncertain = "uncertain";

    public static IReadOnlyList<string> Names { get; } = [None, All, Uncertain];

    public static string ToName(this ReviewPolicy policy) => policy switch
    {
        ReviewPolicy.None => None,
        ReviewPolicy.All => All,
        ReviewPolicy.Uncertain => Uncertain,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, null),
    };

    public static bool TryParse(string? name, out ReviewPolicy policy)
    {
        switch (name)
        {
            case None: policy = ReviewPolicy.None; return true;
            case All: policy = ReviewPolicy.All; return true;
            case Uncertain: policy = ReviewPolicy.Uncertain; return true;
            default: policy = default; return false;
        }
    }

    public static ReviewPolicy Parse(string name) =>
        TryParse(name, out var policy) ? policy : throw new FormatException($"Unknown review policy '{name}'.");
}
