namespace Groundwork.Quality.Categorical;

/// <summary>
/// Zero-based skill: start every worker at skill 1 (a plain majority vote), then repeatedly take a
/// weighted vote and move each skill towards the worker's agreement with it
/// (<c>skill += rate * (agreement - skill)</c>, the rate halving every 20 steps) until skills settle. A tied
/// vote shares the agreement among its tied classes, so names never steer the skills.
/// Posterior: weighted vote shares.
/// </summary>
public static class ZeroBasedSkill
{
    public const string Name = "zbs";

    public static CategoricalResult Run(LabelTable table, EmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= EmOptions.Default;
        var skills = new double[table.WorkerCount];
        Array.Fill(skills, 1.0);
        var rate = 1.0;
        var shares = Posteriors.VoteShares(table, skills);
        var iterations = 0;
        var converged = false;
        while (iterations < options.MaxIterations)
        {
            iterations++;
            var agreement = Posteriors.Agreement(table, shares);
            var change = 0.0;
            for (var w = 0; w < skills.Length; w++)
            {
                var step = rate * (agreement[w] - skills[w]);
                skills[w] += step;
                change = Math.Max(change, Math.Abs(step));
            }

            shares = Posteriors.VoteShares(table, skills);
            if (change < Math.Max(options.Tolerance, 1e-9))
            {
                converged = true;
                break;
            }

            if (iterations % 20 == 0)
            {
                rate *= 0.5;
            }
        }

        var labels = Posteriors.ArgMaxRows(shares, table.ClassCount, table.ClassTieBreakOrder);
        return new CategoricalResult(Name, table.ClassCount, labels, shares, skills, iterations, converged);
    }
}
