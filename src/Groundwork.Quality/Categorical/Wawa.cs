namespace Groundwork.Quality.Categorical;

/// <summary>
/// Worker agreement with aggregate (Wawa): majority vote, then each worker's agreement with it
/// becomes its vote weight, and a weighted vote gives the answer. Posterior: weighted vote shares.
/// Skill: agreement with the first majority vote.
/// </summary>
public static class Wawa
{
    public const string Name = "wawa";

    public static CategoricalResult Run(LabelTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var mv = MajorityVote.Run(table);
        var skills = mv.WorkerSkills.ToArray();
        var shares = Posteriors.VoteShares(table, skills);
        var labels = Posteriors.ArgMaxRows(shares, table.ClassCount, table.ClassTieBreakOrder);
        return new CategoricalResult(Name, table.ClassCount, labels, shares, skills, 1, true);
    }
}
