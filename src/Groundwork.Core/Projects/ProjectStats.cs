namespace Groundwork.Core.Projects;

/// <summary>
/// A project's dashboard series over a window of UTC days: <see cref="Days"/> oldest first, <see cref="Annotators"/> by
/// annotations in the window (most first), <see cref="Labels"/> the consensus labels by count (most first, at most
/// <see cref="MaxLabels"/>), and <see cref="ConsensusTasks"/> the number of tasks with a consensus.
/// </summary>
public sealed record ProjectStats(
    DateOnly From,
    DateOnly To,
    IReadOnlyList<DayActivity> Days,
    IReadOnlyList<AnnotatorThroughput> Annotators,
    IReadOnlyList<LabelCount> Labels,
    long ConsensusTasks)
{
    public const int MaxLabels = 50;
}
