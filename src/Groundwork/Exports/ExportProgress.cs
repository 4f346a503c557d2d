namespace Groundwork.Exports;

/// <summary>Counters an export advances as it goes and another thread reads (the job heartbeat).</summary>
public sealed class ExportProgress
{
    private long _tasks;
    private long _bytes;

    /// <summary>Tasks read from the project and handed to the writer.</summary>
    public long Tasks => Interlocked.Read(ref _tasks);

    /// <summary>Bytes written to the output so far.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public void AddTask() => Interlocked.Increment(ref _tasks);

    public void AddBytes(long count) => Interlocked.Add(ref _bytes, count);
}
