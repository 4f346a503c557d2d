namespace Groundwork.Core.Queue;

/// <summary>Whether a task is ordinary work, a gold question mixed into the stream, or part of the qualification set.</summary>
public enum GoldKind
{
    None = 0,
    Gold = 1,
    Qualification = 2,
}
