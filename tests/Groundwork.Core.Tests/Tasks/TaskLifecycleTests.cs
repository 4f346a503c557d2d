using Groundwork.Core.Reviews;
using Groundwork.Core.Tasks;

namespace Groundwork.Core.Tests.Tasks;

public sealed class TaskLifecycleTests
{
    [Theory]
    [InlineData(LabelingTaskStatus.Queued, 0, 2, LabelingTaskStatus.Queued)]
    [InlineData(LabelingTaskStatus.Queued, 1, 2, LabelingTaskStatus.InProgress)]
    [InlineData(LabelingTaskStatus.InProgress, 2, 2, LabelingTaskStatus.Completed)]
    [InlineData(LabelingTaskStatus.Completed, 1, 2, LabelingTaskStatus.InProgress)]
    [InlineData(LabelingTaskStatus.Completed, 0, 1, LabelingTaskStatus.Queued)]
    [InlineData(LabelingTaskStatus.Canceled, 3, 2, LabelingTaskStatus.Canceled)]
    [InlineData(LabelingTaskStatus.Queued, 5, 3, LabelingTaskStatus.Completed)]
    public void StatusFor_FollowsTheCountAgainstOverlap(LabelingTaskStatus current, int annotations, int overlap, LabelingTaskStatus expected) =>
        Assert.Equal(expected, TaskLifecycle.StatusFor(current, annotations, overlap));

    [Fact]
    public void CanAnnotate_RefusesCanceledAndFullTasks()
    {
        Assert.True(TaskLifecycle.CanAnnotate(LabelingTaskStatus.InProgress, 1, 2).IsAllowed);
        Assert.Contains("canceled", TaskLifecycle.CanAnnotate(LabelingTaskStatus.Canceled, 0, 2).Reason, StringComparison.Ordinal);
        Assert.Contains("2 annotation", TaskLifecycle.CanAnnotate(LabelingTaskStatus.Completed, 2, 2).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LabelingTaskStatus.Queued, true)]
    [InlineData(LabelingTaskStatus.InProgress, true)]
    [InlineData(LabelingTaskStatus.Completed, false)]
    [InlineData(LabelingTaskStatus.Canceled, false)]
    public void CanCancel_OnlyBeforeCompletion(LabelingTaskStatus current, bool allowed) =>
        Assert.Equal(allowed, TaskLifecycle.CanCancel(current).IsAllowed);

    [Fact]
    public void StatusNames_RoundTrip()
    {
        foreach (var status in Enum.GetValues<LabelingTaskStatus>())
        {
            Assert.Equal(status, TaskStatusNames.Parse(status.ToName()));
        }

        Assert.False(TaskStatusNames.TryParse("done", out _));
    }

    [Fact]
    public void StatusFor_RejectsImpossibleInput()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TaskLifecycle.StatusFor(LabelingTaskStatus.Queued, -1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TaskLifecycle.StatusFor(LabelingTaskStatus.Queued, 0, 0));
    }

    [Theory]
    [InlineData(LabelingTaskStatus.Completed, 1, 1, LabelingTaskStatus.Queued, 0)]
    [InlineData(LabelingTaskStatus.Completed, 2, 2, LabelingTaskStatus.InProgress, 1)]
    [InlineData(LabelingTaskStatus.InProgress, 1, 3, LabelingTaskStatus.Queued, 0)]
    [InlineData(LabelingTaskStatus.Canceled, 1, 1, LabelingTaskStatus.Canceled, 0)]
    public void AfterReview_RejectionTakesTheAnnotationOutOfTheOverlap(LabelingTaskStatus current, int accepted, int overlap, LabelingTaskStatus expected, int remaining) =>
        Assert.Equal((remaining, expected), TaskLifecycle.AfterReview(current, accepted, overlap, ReviewDecision.Rejected));

    [Theory]
    [InlineData(ReviewDecision.Accepted)]
    [InlineData(ReviewDecision.Fixed)]
    public void AfterReview_AcceptingOrFixingChangesNothing(ReviewDecision decision)
    {
        Assert.Equal((2, LabelingTaskStatus.Completed), TaskLifecycle.AfterReview(LabelingTaskStatus.Completed, 2, 2, decision));
        Assert.Equal((1, LabelingTaskStatus.InProgress), TaskLifecycle.AfterReview(LabelingTaskStatus.InProgress, 1, 2, decision));
    }

    [Fact]
    public void CanReview_RefusesOnlyCanceledTasks()
    {
        Assert.True(TaskLifecycle.CanReview(LabelingTaskStatus.Completed).IsAllowed);
        Assert.True(TaskLifecycle.CanReview(LabelingTaskStatus.InProgress).IsAllowed);
        Assert.False(TaskLifecycle.CanReview(LabelingTaskStatus.Canceled).IsAllowed);
    }
}
