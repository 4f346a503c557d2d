namespace Groundwork.Core.Queue;

/// <summary>A batch of tasks: how many there are, how many are done, and whether the queue skips it.</summary>
public sealed record BatchSummary(string Batch, long Tasks, long Completed, bool Paused);
