namespace Groundwork.Quality.Categorical;

/// <summary>
/// GLAD (Whitehill et al., NIPS 2009): worker ability <c>alpha</c> and task easiness
/// <c>beta = exp(b) &gt; 0</c>; a label is right with probability <c>sigmoid(alpha * beta)</c>, errors spread
/// evenly over the other classes; the class prior is uniform (a learned prior lets one-coin models collapse onto a frequent class on skewed multi-class data, as crowd-kit's one-coin DS does on S_Rel). EM from a majority-vote start. The M-step
/// takes <see cref="NewtonSteps"/> alternating Fisher-scoring (Gauss-Newton) steps on alpha and b with
/// Gaussian priors alpha ~ N(1, 1), b ~ N(1, 1) (Whitehill's defaults), which keeps it stable and fast.
/// Skill: the mean probability that the worker's labels are right, <c>sigmoid(alpha * beta)</c> over its tasks.
/// </summary>
public static class Glad
{
    public const string Name = "glad";

    public const int NewtonSteps = 3;

    private const double PriorMean = 1.0;

    private const double PriorPrecision = 1.0;

    private const double MaxStep = 2.0;


    public static CategoricalResult Run(LabelTable table, EmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= EmOptions.Default;
        var k = table.ClassCount;
        var taskCount = table.TaskCount;
        var offsets = table.TaskOffsets;
        var workers = table.LabelWorkers;
        var classes = table.LabelClasses;
        var n = classes.Length;
        var post = Posteriors.VoteShares(table, default);
        var next = new double[post.Length];
        var alpha = new double[table.WorkerCount];
        var b = new double[taskCount];
        Array.Fill(alpha, PriorMean);
        Array.Fill(b, PriorMean);
        var pRight = new double[n];
        var grad = new double[Math.Max(alpha.Length, taskCount)];
        var hess = new double[grad.Length];
                var logPrior = new double[k]; // uniform: zeros
        var logOthers = k > 1 ? Math.Log(k - 1) : 0;
        var iterations = 0;
        var converged = false;
        while (iterations < options.MaxIterations)
        {
            iterations++;

            // M-step: pRight[j] = posterior that label j is correct; then Fisher scoring.
            for (var t = 0; t < taskCount; t++)
            {
                for (var j = offsets[t]; j < offsets[t + 1]; j++)
                {
                    pRight[j] = post[(t * k) + classes[j]];
                }
            }

            for (var step = 0; step < NewtonSteps; step++)
            {
                // alpha
                Array.Fill(grad, 0.0, 0, alpha.Length);
                Array.Fill(hess, 0.0, 0, alpha.Length);
                for (var t = 0; t < taskCount; t++)
                {
                    var beta = Math.Exp(b[t]);
                    for (var j = offsets[t]; j < offsets[t + 1]; j++)
                    {
                        var w = workers[j];
                        var s = Sigmoid(alpha[w] * beta);
                        grad[w] += (pRight[j] - s) * beta;
                        hess[w] += s * (1 - s) * beta * beta;
                    }
                }

                for (var w = 0; w < alpha.Length; w++)
                {
                    var g = grad[w] - (PriorPrecision * (alpha[w] - PriorMean));
                    var h = hess[w] + PriorPrecision;
                    alpha[w] += Math.Clamp(g / h, -MaxStep, MaxStep);
                }

                // b (log easiness), per task
                for (var t = 0; t < taskCount; t++)
                {
                    var beta = Math.Exp(b[t]);
                    double g = 0, h = 0;
                    for (var j = offsets[t]; j < offsets[t + 1]; j++)
                    {
                        var a = alpha[workers[j]];
                        var s = Sigmoid(a * beta);
                        g += (pRight[j] - s) * a * beta;
                        h += s * (1 - s) * a * a * beta * beta;
                    }

                    g -= PriorPrecision * (b[t] - PriorMean);
                    h += PriorPrecision;
                    b[t] += Math.Clamp(g / h, -MaxStep, MaxStep);
                }
            }


            // E-step.
            for (var t = 0; t < taskCount; t++)
            {
                var row = next.AsSpan(t * k, k);
                logPrior.AsSpan().CopyTo(row);
                var beta = Math.Exp(b[t]);
                var wrong = 0.0;
                for (var j = offsets[t]; j < offsets[t + 1]; j++)
                {
                    var x = alpha[workers[j]] * beta;
                    var logRight = LogSigmoid(x);
                    var logWrong = LogSigmoid(-x) - logOthers;
                    wrong += logWrong;
                    row[classes[j]] += logRight - logWrong;
                }

                for (var c = 0; c < k; c++)
                {
                    row[c] += wrong;
                }
            }

            Posteriors.SoftmaxRows(next, k);
            var delta = Posteriors.MaxAbsDifference(next, post);
            (post, next) = (next, post);
            if (delta < options.Tolerance)
            {
                converged = true;
                break;
            }
        }

        var skills = new double[alpha.Length];
        var seen = new int[alpha.Length];
        for (var t = 0; t < taskCount; t++)
        {
            var beta = Math.Exp(b[t]);
            for (var j = offsets[t]; j < offsets[t + 1]; j++)
            {
                skills[workers[j]] += Sigmoid(alpha[workers[j]] * beta);
                seen[workers[j]]++;
            }
        }

        for (var w = 0; w < skills.Length; w++)
        {
            skills[w] = seen[w] == 0 ? Sigmoid(alpha[w]) : skills[w] / seen[w];
        }

        var labels = Posteriors.ArgMaxRows(post, k, table.ClassTieBreakOrder);
        return new CategoricalResult(Name, k, labels, post, skills, iterations, converged);
    }

    private static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    private static double LogSigmoid(double x) => x >= 0 ? -Math.Log(1 + Math.Exp(-x)) : x - Math.Log(1 + Math.Exp(x));
}
