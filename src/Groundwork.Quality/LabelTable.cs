using System.Diagnostics;
using System.Globalization;

namespace Groundwork.Quality;

/// <summary>
/// A compact, immutable table of categorical labels, the shared input of every categorical method.
/// Tasks, workers and classes are interned to dense indices; labels are stored sorted by task
/// (<see cref="TaskOffsets"/> gives each task's range) with a second index grouping them by worker,
/// so every method walks flat arrays in order.
/// </summary>
/// <remarks>
/// Invariants: every task has at least one label; labels of a task keep their input order;
/// <c>TaskOffsets[0] == 0</c>, <c>TaskOffsets[TaskCount] == LabelCount</c>.
/// </remarks>
public sealed class LabelTable
{
    private readonly string[]? _taskNames;
    private readonly string[]? _workerNames;
    private readonly string[] _classNames;
    private readonly int[] _taskOffsets;
    private readonly int[] _labelWorkers;
    private readonly int[] _labelClasses;
    private readonly int[] _workerOffsets;
    private readonly int[] _workerLabels;
    private readonly int[] _classCounts;
    private readonly int[] _classRank;

    private LabelTable(
        int taskCount,
        int workerCount,
        string[] classNames,
        string[]? taskNames,
        string[]? workerNames,
        int[] taskOffsets,
        int[] labelWorkers,
        int[] labelClasses)
    {
        TaskCount = taskCount;
        WorkerCount = workerCount;
        _classNames = classNames;
        _taskNames = taskNames;
        _workerNames = workerNames;
        _taskOffsets = taskOffsets;
        _labelWorkers = labelWorkers;
        _labelClasses = labelClasses;

        var k = classNames.Length;
        _classCounts = new int[k];
        foreach (var c in labelClasses)
        {
            _classCounts[c]++;
        }

        // Tie-break order: lowest class index first (classes are already in a stable, name-based order).
        var order = new int[k];
        for (var i = 0; i < k; i++)
        {
            order[i] = i;
        }

        _classRank = order;

        // Worker index: counting sort of label indices by worker (stable, so ascending within a worker).
        _workerOffsets = new int[workerCount + 1];
        foreach (var w in labelWorkers)
        {
            _workerOffsets[w + 1]++;
        }

        for (var w = 0; w < workerCount; w++)
        {
            _workerOffsets[w + 1] += _workerOffsets[w];
        }

        _workerLabels = new int[labelWorkers.Length];
        var cursor = _workerOffsets.AsSpan(0, workerCount).ToArray();
        for (var j = 0; j < labelWorkers.Length; j++)
        {
            _workerLabels[cursor[labelWorkers[j]]++] = j;
        }
    }

    public int TaskCount { get; }

    public int WorkerCount { get; }

    public int ClassCount => _classNames.Length;

    public int LabelCount => _labelClasses.Length;

    /// <summary>Per task, the start of its labels; length <c>TaskCount + 1</c>.</summary>
    public ReadOnlySpan<int> TaskOffsets => _taskOffsets;

    /// <summary>Per label (sorted by task), the worker index.</summary>
    public ReadOnlySpan<int> LabelWorkers => _labelWorkers;

    /// <summary>Per label (sorted by task), the class index.</summary>
    public ReadOnlySpan<int> LabelClasses => _labelClasses;

    /// <summary>Per worker, the start of its entries in <see cref="WorkerLabels"/>; length <c>WorkerCount + 1</c>.</summary>
    public ReadOnlySpan<int> WorkerOffsets => _workerOffsets;

    /// <summary>Label indices grouped by worker, ascending within a worker.</summary>
    public ReadOnlySpan<int> WorkerLabels => _workerLabels;

    /// <summary>How many labels each class received in the whole table.</summary>
    public ReadOnlySpan<int> ClassCounts => _classCounts;

    /// <summary>Classes in tie-break order: the lowest class index (the first name in <see cref="ClassNameComparer"/> order) wins an exact tie.</summary>
    public ReadOnlySpan<int> ClassTieBreakOrder => _classRank;

    internal int[] TaskOffsetsArray => _taskOffsets;

    internal int[] LabelWorkersArray => _labelWorkers;

    internal int[] LabelClassesArray => _labelClasses;

    public string TaskName(int task) => _taskNames is null ? task.ToString(CultureInfo.InvariantCulture) : _taskNames[task];

    public string WorkerName(int worker) => _workerNames is null ? worker.ToString(CultureInfo.InvariantCulture) : _workerNames[worker];

    public string ClassName(int cls) => _classNames[cls];

    public IReadOnlyList<string> ClassNames => _classNames;

    /// <summary>The number of labels on <paramref name="task"/>.</summary>
    public int LabelsOf(int task) => _taskOffsets[task + 1] - _taskOffsets[task];

    /// <summary>Finds a class by name (ordinal), or -1.</summary>
    public int FindClass(string name)
    {
        for (var i = 0; i < _classNames.Length; i++)
        {
            if (string.Equals(_classNames[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A map from task name to task index (built on demand).</summary>
    public Dictionary<string, int> TaskIndex()
    {
        var map = new Dictionary<string, int>(TaskCount, StringComparer.Ordinal);
        for (var i = 0; i < TaskCount; i++)
        {
            map[TaskName(i)] = i;
        }

        return map;
    }

    /// <summary>
    /// Builds a table from dense indices (labels in any order). Tasks with no label are not allowed:
    /// every index below <paramref name="taskCount"/> must occur. Names are optional (indices are used).
    /// </summary>
    public static LabelTable FromIndices(
        int taskCount,
        int workerCount,
        int classCount,
        ReadOnlySpan<int> tasks,
        ReadOnlySpan<int> workers,
        ReadOnlySpan<int> classes,
        DuplicateLabelPolicy duplicates = DuplicateLabelPolicy.KeepLast,
        IReadOnlyList<string>? taskNames = null,
        IReadOnlyList<string>? workerNames = null,
        IReadOnlyList<string>? classNames = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskCount);
        ArgumentOutOfRangeException.ThrowIfNegative(workerCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        if (tasks.Length != workers.Length || tasks.Length != classes.Length)
        {
            throw new ArgumentException("tasks, workers and classes must have the same length");
        }

        var n = tasks.Length;
        var offsets = new int[taskCount + 1];
        for (var j = 0; j < n; j++)
        {
            var t = tasks[j];
            if ((uint)t >= (uint)taskCount || (uint)workers[j] >= (uint)workerCount || (uint)classes[j] >= (uint)classCount)
            {
                throw new ArgumentOutOfRangeException(nameof(tasks), $"label {j} has an index out of range");
            }

            offsets[t + 1]++;
        }

        for (var t = 0; t < taskCount; t++)
        {
            if (offsets[t + 1] == 0)
            {
                throw new ArgumentException($"task {t} has no label", nameof(tasks));
            }

            offsets[t + 1] += offsets[t];
        }

        var sortedWorkers = new int[n];
        var sortedClasses = new int[n];
        var cursor = offsets.AsSpan(0, taskCount).ToArray();
        for (var j = 0; j < n; j++)
        {
            var p = cursor[tasks[j]]++;
            sortedWorkers[p] = workers[j];
            sortedClasses[p] = classes[j];
        }

        if (duplicates != DuplicateLabelPolicy.KeepAll)
        {
            (offsets, sortedWorkers, sortedClasses) = RemoveDuplicates(taskCount, workerCount, offsets, sortedWorkers, sortedClasses, duplicates);
        }

        var names = new string[classCount];
        for (var c = 0; c < classCount; c++)
        {
            names[c] = classNames is null ? c.ToString(CultureInfo.InvariantCulture) : classNames[c];
        }

        return new LabelTable(
            taskCount,
            workerCount,
            names,
            taskNames?.ToArray(),
            workerNames?.ToArray(),
            offsets,
            sortedWorkers,
            sortedClasses);
    }

    private static (int[] Offsets, int[] Workers, int[] Classes) RemoveDuplicates(
        int taskCount, int workerCount, int[] offsets, int[] workers, int[] classes, DuplicateLabelPolicy policy)
    {
        var stamp = new int[workerCount];
        Array.Fill(stamp, -1);
        var keep = new bool[workers.Length];
        var kept = 0;
        for (var t = 0; t < taskCount; t++)
        {
            int start = offsets[t], end = offsets[t + 1];
            if (policy == DuplicateLabelPolicy.KeepFirst)
            {
                for (var j = start; j < end; j++)
                {
                    if (stamp[workers[j]] != t)
                    {
                        stamp[workers[j]] = t;
                        keep[j] = true;
                        kept++;
                    }
                }
            }
            else
            {
                for (var j = end - 1; j >= start; j--)
                {
                    if (stamp[workers[j]] != t)
                    {
                        stamp[workers[j]] = t;
                        keep[j] = true;
                        kept++;
                    }
                }
            }
        }

        if (kept == workers.Length)
        {
            return (offsets, workers, classes);
        }

        var newOffsets = new int[taskCount + 1];
        var newWorkers = new int[kept];
        var newClasses = new int[kept];
        var p = 0;
        for (var t = 0; t < taskCount; t++)
        {
            for (var j = offsets[t]; j < offsets[t + 1]; j++)
            {
                if (keep[j])
                {
                    newWorkers[p] = workers[j];
                    newClasses[p] = classes[j];
                    p++;
                }
            }

            newOffsets[t + 1] = p;
            Debug.Assert(newOffsets[t + 1] > newOffsets[t], "every task keeps at least one label");
        }

        return (newOffsets, newWorkers, newClasses);
    }
}
