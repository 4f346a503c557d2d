namespace Groundwork.Core.Tasks;

/// <summary>The answer to "may this transition happen?", with the reason when it may not.</summary>
public readonly record struct TaskTransitionCheck(bool IsAllowed, string? Reason)
{
    public static TaskTransitionCheck Allowed => new(true, null);

    public static TaskTransitionCheck Refuse(string reason) => new(false, reason);
}
