using System.Globalization;

namespace Groundwork.Quality;

/// <summary>
/// Collects (task, worker, label) strings and interns them into a <see cref="LabelTable"/>.
/// Tasks and workers are numbered in order of first appearance. Classes are ordered by
/// <see cref="ClassNameComparer"/> (numerically when every name is an integer, else ordinally),
/// unless declared up front, in which case the declared order is kept and undeclared names follow.
/// </summary>
public sealed class LabelTableBuilder
{
    private readonly Dictionary<string, int> _tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _workers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _classes = new(StringComparer.Ordinal);
    private readonly List<string> _taskNames = [];
    private readonly List<string> _workerNames = [];
    private readonly List<string> _classNames = [];
    private readonly List<int> _labelTasks = [];
    private readonly List<int> _labelWorkers = [];
    private readonly List<int> _labelClasses = [];
    private readonly int _declaredClasses;

    public LabelTableBuilder(IEnumerable<string>? declaredClasses = null)
    {
        if (declaredClasses is not null)
        {
            foreach (var c in declaredClasses)
            {
                Intern(_classes, _classNames, c);
            }
        }

        _declaredClasses = _classNames.Count;
    }

    public int Count => _labelTasks.Count;

    public void Add(string task, string worker, string label)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(label);
        _labelTasks.Add(Intern(_tasks, _taskNames, task));
        _labelWorkers.Add(Intern(_workers, _workerNames, worker));
        _labelClasses.Add(Intern(_classes, _classNames, label));
    }

    public LabelTable Build(DuplicateLabelPolicy duplicates = DuplicateLabelPolicy.KeepLast)
    {
        if (_classNames.Count == 0)
        {
            throw new InvalidOperationException("no labels and no declared classes");
        }

        // Order the undeclared classes deterministically, independent of input order.
        var undeclared = _classNames.Skip(_declaredClasses).ToArray();
        Array.Sort(undeclared, ClassNameComparer.For(undeclared));
        var finalNames = _classNames.Take(_declaredClasses).Concat(undeclared).ToArray();
        var remap = new int[finalNames.Length];
        for (var i = 0; i < finalNames.Length; i++)
        {
            remap[_classes[finalNames[i]]] = i;
        }

        var classes = new int[_labelClasses.Count];
        for (var j = 0; j < classes.Length; j++)
        {
            classes[j] = remap[_labelClasses[j]];
        }

        return LabelTable.FromIndices(
            _taskNames.Count,
            _workerNames.Count,
            finalNames.Length,
            CollectionsMarshalSpan(_labelTasks),
            CollectionsMarshalSpan(_labelWorkers),
            classes,
            duplicates,
            _taskNames,
            _workerNames,
            finalNames);
    }

    private static ReadOnlySpan<int> CollectionsMarshalSpan(List<int> list) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list);

    private static int Intern(Dictionary<string, int> map, List<string> names, string key)
    {
        if (!map.TryGetValue(key, out var id))
        {
            id = names.Count;
            map.Add(key, id);
            names.Add(key);
        }

        return id;
    }
}
