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
    /// </summary>
    public static string? RelabellingPermutes(AggregationMethod method, List<(string Task, string Worker, string Label)> rows, int seed)
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

        // Methods that start from a hard majority vote (wawa, zbs) inherit its name-based tie-break,
        // so they are only a pure permutation when no task is tied under majority vote.
        if (method.Name is Wawa.Name or ZeroBasedSkill.Name && HasTie(MajorityVote.Run(a)))
        {
            return null;
        }

        var bTask = b.TaskIndex();
        var ra = method.Run(a);
        var rb = method.Run(b);
        foreach (var (task, ta) in a.TaskIndex())
        {
            var tb = bTask[taskMap[task]];
            var pa = ra.Posterior(ta);
            var pb = rb.Posterior(tb);
            for (var c = 0; c < a.ClassCount; c++)
            {
                var cb = b.FindClass(classMap[a.ClassName(c)]);
                if (Math.Abs(pa[c] - pb[cb]) >= 1e-6)
                {
                    return $"{method.Name}: task {task} class {a.ClassName(c)}: {pa[c]} vs {pb[cb]} after relabelling";
                }
            }

            var sorted = pa.ToArray().OrderDescending().ToArray();
            if ((sorted.Length < 2 || sorted[0] - sorted[1] > 1e-6) && classMap[a.ClassName(ra.Label(ta))] != b.ClassName(rb.Label(tb)))
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

    private static bool HasTie(CategoricalResult r)
    {
        for (var t = 0; t < r.TaskCount; t++)
        {
            var sorted = r.Posterior(t).ToArray().OrderDescending().ToArray();
            if (sorted.Length > 1 && sorted[0] == sorted[1])
            {
                return true;
            }
        }

        return false;
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
