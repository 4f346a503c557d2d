namespace Groundwork.Quality;

/// <summary>
/// A seeded synthetic crowd for tests and the <c>groundwork bench aggregate</c> verb: tasks with a
/// uniformly drawn true class, each labelled by distinct random workers whose accuracy is drawn
/// uniformly from [<paramref name="MinAccuracy"/>, <paramref name="MaxAccuracy"/>] and whose errors are spread
/// evenly over the other classes. Same arguments, same crowd.
/// </summary>
public sealed record SyntheticCrowd(LabelTable Table, int[] Truth, double[] WorkerAccuracy, double MinAccuracy, double MaxAccuracy)
{
    /// <summary>Generates the crowd (the default sizes are the benchmark: 200,000 tasks x 5 labels, 2,000 workers, 5 classes).</summary>
    public static SyntheticCrowd Generate(
        int tasks = 200_000,
        int labelsPerTask = 5,
        int workers = 2_000,
        int classes = 5,
        int seed = 42,
        double minAccuracy = 0.5,
        double maxAccuracy = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tasks, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(labelsPerTask, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, labelsPerTask);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        var random = new Random(seed);
        var accuracy = new double[workers];
        for (var w = 0; w < workers; w++)
        {
            accuracy[w] = minAccuracy + ((maxAccuracy - minAccuracy) * random.NextDouble());
        }

        var truth = new int[tasks];
        var n = tasks * labelsPerTask;
        var labelTasks = new int[n];
        var labelWorkers = new int[n];
        var labelClasses = new int[n];
        Span<int> chosen = labelsPerTask <= 64 ? stackalloc int[labelsPerTask] : new int[labelsPerTask];
        var p = 0;
        for (var t = 0; t < tasks; t++)
        {
            truth[t] = random.Next(classes);
            for (var i = 0; i < labelsPerTask; i++)
            {
                int w;
                do
                {
                    w = random.Next(workers);
                }
                while (chosen[..i].Contains(w));

                chosen[i] = w;
                var label = truth[t];
                if (random.NextDouble() >= accuracy[w])
                {
                    label = (truth[t] + 1 + random.Next(classes - 1)) % classes;
                }

                labelTasks[p] = t;
                labelWorkers[p] = w;
                labelClasses[p] = label;
                p++;
            }
        }

        // Workers that drew no task keep an empty range; FromIndices only requires every task to have labels.
        var table = LabelTable.FromIndices(tasks, workers, classes, labelTasks, labelWorkers, labelClasses, DuplicateLabelPolicy.KeepAll);
        return new SyntheticCrowd(table, truth, accuracy, minAccuracy, maxAccuracy);
    }
}
