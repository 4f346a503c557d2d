namespace Groundwork.Core.Projects;

/// <summary>
/// One UTC day of a project: annotations submitted (imported ones do not count), tasks completed (a completed task
/// counts on the day of its last annotation) and the distinct annotators who submitted.
/// </summary>
public sealed record DayActivity(DateOnly Day, long Annotations, long Completed, long Annotators);
