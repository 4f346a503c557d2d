using Groundwork.Core.Import;

namespace Groundwork.Formats.Import;

/// <summary>
/// The way every import reader's tasks reach the spool: each is counted and checked against the label config's
/// variables first (<see cref="TaskVariableCheck"/>), so a task the config cannot show stops the import before
/// anything is stored.
/// </summary>
public sealed class CheckedSpool(TaskSpool spool, TaskVariableCheck? check)
{
    public TaskSpool Spool { get; } = spool;

    /// <summary>How many tasks were added.</summary>
    public long Count { get; private set; }

    public void Add(ImportTask task, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        Count++;
        check?.Check(task, Count, source);
        Spool.Add(task);
    }

    public async Task AddAllAsync(IAsyncEnumerable<ImportTask> tasks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        await foreach (var task in tasks.WithCancellation(cancellationToken))
        {
            Add(task);
        }
    }
}
