namespace Groundwork.Core.Projects;

/// <summary>One annotator's output in the window: annotations, the days they worked, and their mean lead time in seconds (null when none was recorded).</summary>
public sealed record AnnotatorThroughput(long UserId, long Annotations, int ActiveDays, double? MeanLeadTimeSeconds);
