namespace Groundwork.Core.Tasks;

/// <summary>Where a task is in its life. See <see cref="TaskLifecycle"/> for the transitions.</summary>
public enum LabelingTaskStatus
{
    Queued = 0,
    InProgress = 1,
    Completed = 2,
    Canceled = 3,
}
