using System.Globalization;
using Groundwork.Quality.Categorical;

namespace Groundwork.Quality.Tests.Categorical;

/// <summary>
/// The properties every categorical method must satisfy, as checks that return a description of the first
/// violation (or null), so the tests can assert both that the shipped methods pass and that a broken method fails.
/// </summary>
internal static class PropertyChecks
{
    /// <summary>Perfect annotators recover the truth: every task gets its true class.</summary>
    public static string? PerfectAnnotators(AggregationMethod method, List<(string Task, string Worker, string Label)> rows, int[] truth)
    {
        var table = Crowds.Build(rows);
        var index = table.TaskIndex();
        var r = method.Run(table);
        for (var t = 0; t < truth.Length; t++)
        {
            var got = table.ClassName(r.Label(index[$"t{t}"]));
            if (got != $"c{truth[t]}")
            {
                return $"{method.Name}: task t{t} is c{truth[t]} but got {got} ({Format(r.Posterior(index[$"t{t}"]))})";
            }
        }

        return null;
    }

    /// <summary>
    /// Renaming tasks, workers and classes and shuffling the rows permutes the posteriors exactly, and the
    /// labels wherever the top two classes are not tied (an exact tie goes to the first class by name).
    /// A crowd that maps onto itself by swapping workers and/or classes is exempt: where its symmetric fit
    /// is a saddle, rounding decides which of the mirror-image fits an EM run reaches (crowd (4, 3, 2, 128382):
    /// two workers in mirror roles; GLAD stays on the saddle in one order and leaves it in the other).
    /// </summary>
    public static string? RelabellingPermutes(AggregationMethod method, List<(string Task, string Worker, string Label)> rows, int seed)
    {
        var failure = RelabellingFailure(method, rows, seed);
        return failure is not null && HasWorkerOrClassSymmetry(rows) ? null : failure;
    }

    /// <summary>
    /// Whether some permutation of workers and classes, other than the identity, maps the crowd onto itself
    /// (the same multiset of tasks, each a set of (worker, class) labels). Brute force, for the small crowds here.
    /// </summary>
    public static bool HasWorkerOrClassSymmetry(List<(string Task, string Worker, string Label)> rows)
    {
        var workers = rows.Select(r => r.Worker).Distinct().ToArray();
        var classes = rows.Select(r => r.Label).Distinct().ToArray();
        var tasks = rows.GroupBy(r => r.Task).Select(g => g.Select(r => (Array.IndexOf(workers, r.Worker), Array.IndexOf(classes, r.Label))).ToArray()).ToArray();
        var original = Signatures(tasks, Enumerable.Range(0, workers.Length).ToArray(), Enumerable.Range(0, classes.Length).ToArray());
        var workerCounts = workers.Select(w => rows.Count(r => r.Worker == w)).ToArray();
        var classCounts = classes.Select(c => rows.Count(r => r.Label == c)).ToArray();
        foreach (var pw in Permutations(workers.Length).Where(p => p.Select((x, i) => workerCounts[x] == workerCounts[i]).All(ok => ok)))
        {
            foreach (var pc in Permutations(classes.Length).Where(p => p.Select((x, i) => classCounts[x] == classCounts[i]).All(ok => ok)))
            {
                var identity = pw.Select((x, i) => x == i).All(ok => ok) && pc.Select((x, i) => x == i).All(ok => ok);
                if (!identity && Signatures(tasks, pw, pc).SequenceEqual(original))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static List<string> Signatures((int Worker, int Class)[][] tasks, int[] workerMap, int[] classMap) =>
        tasks.Select(t => string.Join(';', t.Select(l => $"{workerMap[l.Worker]}:{classMap[l.Class]}").Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal).ToList();

    private static IEnumerable<int[]> Permutations(int n)
    {
        var p = Enumerable.Range(0, n).ToArray();
        while (true)
        {
            yield return (int[])p.Clone();
            var i = n - 2;
            while (i >= 0 && p[i] >= p[i + 1])
            {
                i--;
            }

            if (i < 0)
            {
                yield break;
            }

            var j = n - 1;
            while (p[j] <= p[i])
            {
                j--;
            }

            (p[i], p[j]) = (p[j], p[i]);
            Array.Reverse(p, i + 1, n - i - 1);
        }
    }

    private static string? RelabellingFailure(AggregationMethod method, List<(string Task, string Worker, string Label)> rows, int seed)
    {
        var random = new Random(seed ^ 0x5eed);
        var taskMap = rows.Select(r => r.Task).Distinct().ToDictionary(x => x, x => $"T{random.Next(1_000_000)}-{x}");
        var workerMap = rows.Select(r => r.Worker).Distinct().ToDictionary(x => x, x => $"W{random.Next(1_000_000)}-{x}");
        var classNames = rows.Select(r => r.Label).Distinct().ToArray();
        var shuffledClasses = classNames.OrderBy(_ => random.Next()).ToArray();
        var classMap = classNames.Select((c, i) => (c, shuffledClasses[i])).ToDictionary(p => p.c, p => "L" + p.Item2);
        var renamed = rows.Select(r => (taskMap[r.Task], workerMap[r.Worker], classMap[r.Label])).OrderBy(_ => random.Next()).ToList();

        var a = Crowds.Build(rows);
        var b = Crowds.Build(renamed);

        var bTask = b.TaskIndex();
        var ra = method.Run(a);
        var rb = method.Run(b);

        // EM stops when no posterior moves by more than 1e-6 in an iteration, so each run is that close to the
        // fixed point only up to the convergence rate: sums taken in another order leave two slow runs a few
        // times 1e-6 apart (crowd (10, 2, 2, -538): 1.1e-6 after 69 iterations each). Ten times the stop rule.
        const double tolerance = 1e-5;
        foreach (var (task, ta) in a.TaskIndex())
        {
            var tb = bTask[taskMap[task]];
            var pa = ra.Posterior(ta);
            var pb = rb.Posterior(tb);
            for (var c = 0; c < a.ClassCount; c++)
            {
                var cb = b.FindClass(classMap[a.ClassName(c)]);
                if (Math.Abs(pa[c] - pb[cb]) >= tolerance)
                {
                    return $"{method.Name}: task {task} class {a.ClassName(c)}: {pa[c]} vs {pb[cb]} after relabelling ({ra.Iterations} and {rb.Iterations} iterations)";
                }
            }

            var sorted = pa.ToArray().OrderDescending().ToArray();
            if ((sorted.Length < 2 || sorted[0] - sorted[1] > tolerance) && classMap[a.ClassName(ra.Label(ta))] != b.ClassName(rb.Label(tb)))
            {
                return $"{method.Name}: task {task} labelled {a.ClassName(ra.Label(ta))} but {b.ClassName(rb.Label(tb))} after relabelling";
            }
        }

        return null;
    }

    /// <summary>
    /// Five perfect annotators label a second set of tasks unanimously and a random annotator answers about
    /// half of them: every one of those tasks keeps the five annotators' answer.
    /// </summary>
    public static string? RandomAnnotatorNeverFlipsFivePerfect(AggregationMethod method, int tasks, int workers, int classes, int seed)
    {
        var random = new Random(seed);
        var rows = Crowds.Noisy(tasks, workers, classes, seed);
        var truth = Enumerable.Range(0, tasks).Select(_ => random.Next(classes)).ToArray();
        for (var t = 0; t < tasks; t++)
        {
            for (var p = 0; p < 5; p++)
            {
                rows.Add(($"u{t}", $"perfect{p}", $"c{truth[t]}"));
            }

            if (random.Next(2) == 0)
            {
                rows.Add(($"u{t}", "random", $"c{random.Next(classes)}"));
            }
        }

        var table = Crowds.Build(rows);
        var index = table.TaskIndex();
        var r = method.Run(table);
        for (var t = 0; t < tasks; t++)
        {
            var got = table.ClassName(r.Label(index[$"u{t}"]));
            if (got != $"c{truth[t]}")
            {
                return $"{method.Name}: task u{t}, five perfect annotators say c{truth[t]}, got {got}";
            }
        }

        return null;
    }

    /// <summary>Every posterior row is a distribution, the confidence is the chosen class's posterior and its maximum, skills lie in [0, 1].</summary>
    public static string? PosteriorsAreDistributions(AggregationMethod method, List<(string Task, string Worker, string Label)> rows)
    {
        var table = Crowds.Build(rows);
        var r = method.Run(table);
        if (r.TaskCount != table.TaskCount || r.WorkerSkills.Length != table.WorkerCount)
        {
            return $"{method.Name}: {r.TaskCount} tasks and {r.WorkerSkills.Length} skills for {table.TaskCount} tasks and {table.WorkerCount} workers";
        }

        for (var t = 0; t < table.TaskCount; t++)
        {
            var row = r.Posterior(t);
            var sum = 0.0;
            foreach (var p in row)
            {
                if (p is < 0 or > 1 || double.IsNaN(p))
                {
                    return $"{method.Name}: task {t} has posterior {Format(row)}";
                }

                sum += p;
            }

            if (Math.Abs(sum - 1) > 1e-9)
            {
                return $"{method.Name}: task {t} posterior sums to {sum}";
            }

            if (row[r.Label(t)] != r.Confidence[t] || row.ToArray().Max() != r.Confidence[t])
            {
                return $"{method.Name}: task {t} confidence {r.Confidence[t]} is not the chosen class's posterior {row[r.Label(t)]} or not the maximum";
            }
        }

        foreach (var s in r.WorkerSkills)
        {
            if (s is < 0 or > 1 || double.IsNaN(s))
            {
                return $"{method.Name}: skill {s}";
            }
        }

        return null;
    }

    private static string Format(ReadOnlySpan<double> row)
    {
        var parts = new string[row.Length];
        for (var i = 0; i < row.Length; i++)
        {
            parts[i] = row[i].ToString("0.000", CultureInfo.InvariantCulture);
        }

        return string.Join(' ', parts);
    }
}
