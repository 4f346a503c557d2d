namespace Groundwork.Core.Projects;

/// <summary>
/// A project's progress for the dashboard: ordinary tasks by status, gold tasks, live leases, annotations
/// since the start of the UTC day and in the last hour, annotators active in the last 15 minutes, and per annotator.
/// </summary>
public sealed record ProjectProgress(
    IReadOnlyDictionary<string, long> TasksByStatus,
    long GoldTasks,
    long LiveLeases,
    long AnnotationsToday,
    long AnnotationsLastHour,
    long ActiveAnnotators,
    IReadOnlyList<AnnotatorProgress> Annotators);
