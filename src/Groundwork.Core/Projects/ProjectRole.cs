namespace Groundwork.Core.Projects;

/// <summary>A member's role on one project. Organisation admins hold every right without a membership.</summary>
public enum ProjectRole
{
    Annotator = 0,
    Reviewer = 1,
    Manager = 2,
}
