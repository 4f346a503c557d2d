namespace Groundwork.Core.Tasks;

/// <summary>What a manager may change on a task: its priority, and its own overlap (null: unchanged).</summary>
public sealed record TaskSettings(int? Priority, int? Overlap)
{
    /// <summary>The <see cref="Overlap"/> value that removes the task's own overlap, so the project's applies.</summary>
    public const int UseProjectOverlap = 0;
}
