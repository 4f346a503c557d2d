namespace Groundwork.Quality.Categorical;

/// <summary>
/// Majority vote. Posterior: each class's share of the task's votes (not calibrated: one label gives
/// confidence 1). Skill: the worker's agreement with the consensus (a tie shares the
/// agreement among the tied classes). Label ties: see <see cref="LabelTable.ClassTieBreakOrder"/>.
/// </summary>
public static class MajorityVote
{
    public const string Name = "mv";

    public static CategoricalResult Run(LabelTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var shares = Posteriors.VoteShares(table, default);
        var labels = Posteriors.ArgMaxRows(shares, table.ClassCount, table.ClassTieBreakOrder);
        var skills = Posteriors.Agreement(table, shares);
        return new CategoricalResult(Name, table.ClassCount, labels, shares, skills, 0, true);
    }
}
