namespace Groundwork.Core.Reviews;

/// <summary>What a reviewer decided about an annotation. See <see cref="ReviewDecisionNames"/> for the wire names.</summary>
public enum ReviewDecision
{
    /// <summary>The annotation is right as it is.</summary>
    Accepted = 0,

    /// <summary>The annotation is wrong (a comment says why): it stops counting toward the task's overlap and the task returns to the queue.</summary>
    Rejected = 1,

    /// <summary>The reviewer corrected the result: the correction is the accepted answer, the original is kept.</summary>
    Fixed = 2,
}
