using Groundwork.Quality.Categorical;

namespace Groundwork.Quality;

/// <summary>The categorical aggregation methods by short name, in a fixed order.</summary>
public static class AggregationCatalogue
{
    public static IReadOnlyList<AggregationMethod> All { get; } =
    [
        new(MajorityVote.Name, "majority vote; ties go to the first class in name order", MajorityVote.Run),
        new(WeightedMajorityVote.Name, "weighted majority vote, log-odds weights from each worker's agreement with the others", t => WeightedMajorityVote.Run(t)),
        new(DawidSkene.Name, "Dawid-Skene: per-worker confusion matrices and class prior, EM", t => DawidSkene.Run(t)),
        new(OneCoinDawidSkene.Name, "one-coin Dawid-Skene: one accuracy per worker, EM", t => OneCoinDawidSkene.Run(t)),
        new(Glad.Name, "GLAD: worker ability and task difficulty, EM", t => Glad.Run(t)),
        new(Mace.Name, "MACE: each worker answers in earnest or spams with its own bias, EM", t => Mace.Run(t)),
        new(Wawa.Name, "Wawa: vote weighted by each worker's agreement with majority vote", Wawa.Run),
        new(ZeroBasedSkill.Name, "zero-based skill: vote weighted by skills refined towards agreement", t => ZeroBasedSkill.Run(t)),
    ];

    /// <summary>Finds a method by short name (case-insensitive).</summary>
    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AggregationMethod? method)
    {
        foreach (var m in All)
        {
            if (string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                method = m;
                return true;
            }
        }

        method = null;
        return false;
    }
}
