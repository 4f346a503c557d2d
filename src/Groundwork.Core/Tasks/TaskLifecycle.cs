using Groundwork.Core.Reviews;

namespace Groundwork.Core.Tasks;

/// <summary>
/// The one place that decides a task's status. Every path that changes a task's annotations
/// (API, queue, review, automation) asks here what the status becomes.
/// <code>
/// queued ──first annotation──▶ in_progress ──overlap reached──▶ completed
///    ▲                              │                               │
///    └────── annotations removed ───┴───────── (rejected) ──────────┘
/// any status except completed ──manager cancels──▶ canceled
/// </code>
/// "Accepted" annotations are those that count toward the overlap: every annotation except those a review rejected.
/// </summary>
public static class TaskLifecycle
{
    /// <summary>The status a task has once it holds <paramref name="acceptedAnnotations"/> annotations.</summary>
    public static LabelingTaskStatus StatusFor(LabelingTaskStatus current, int acceptedAnnotations, int overlap)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(acceptedAnnotations);
        ArgumentOutOfRangeException.ThrowIfLessThan(overlap, 1);
        if (current == LabelingTaskStatus.Canceled)
        {
            return LabelingTaskStatus.Canceled;
        }

        if (acceptedAnnotations >= overlap)
        {
            return LabelingTaskStatus.Completed;
        }

        return acceptedAnnotations > 0 ? LabelingTaskStatus.InProgress : LabelingTaskStatus.Queued;
    }

    /// <summary>Whether a new annotation may be added to a task in this state.</summary>
    public static TaskTransitionCheck CanAnnotate(LabelingTaskStatus current, int acceptedAnnotations, int overlap)
    {
        if (current == LabelingTaskStatus.Canceled)
        {
            return TaskTransitionCheck.Refuse("the task is canceled");
        }

        if (acceptedAnnotations >= overlap)
        {
            return TaskTransitionCheck.Refuse($"the task already has its {overlap} annotation(s)");
        }

        return TaskTransitionCheck.Allowed;
    }

    /// <summary>Whether a manager may cancel a task in this state: anything before completion.</summary>
    public static TaskTransitionCheck CanCancel(LabelingTaskStatus current) => current switch
    {
        LabelingTaskStatus.Completed => TaskTransitionCheck.Refuse("a completed task cannot be canceled"),
        LabelingTaskStatus.Canceled => TaskTransitionCheck.Refuse("the task is already canceled"),
        _ => TaskTransitionCheck.Allowed,
    };

    /// <summary>Whether an annotation of a task in this state may be reviewed: anything but a canceled task.</summary>
    public static TaskTransitionCheck CanReview(LabelingTaskStatus current) => current == LabelingTaskStatus.Canceled
        ? TaskTransitionCheck.Refuse("the task is canceled")
        : TaskTransitionCheck.Allowed;

    /// <summary>
    /// The accepted annotations and the status after a review decision on one of them. A rejection takes the
    /// annotation out of the overlap, so a completed task goes back to the queue (queued, or in progress while
    /// other accepted annotations remain) for another annotator; accepting or fixing changes neither.
    /// </summary>
    public static (int AcceptedAnnotations, LabelingTaskStatus Status) AfterReview(
        LabelingTaskStatus current, int acceptedAnnotations, int overlap, ReviewDecision decision)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(acceptedAnnotations);
        if (decision != ReviewDecision.Rejected)
        {
            return (acceptedAnnotations, current);
        }

        var remaining = Math.Max(0, acceptedAnnotations - 1);
        return (remaining, StatusFor(current, remaining, overlap));
    }
}
