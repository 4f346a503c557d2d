namespace Groundwork.Core.Projects;

/// <summary>One annotator's work on a project: annotations in all and today, skips, live leases and their last activity.</summary>
public sealed record AnnotatorProgress(long UserId, long Annotations, long AnnotationsToday, long Skipped, long LiveLeases, DateTimeOffset? LastAnnotationAt);
