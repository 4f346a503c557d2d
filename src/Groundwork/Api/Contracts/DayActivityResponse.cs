namespace Groundwork.Api.Contracts;

/// <summary>One UTC day: annotations submitted, tasks completed (on the day of their last annotation) and the annotators who submitted.</summary>
public sealed record DayActivityResponse(DateOnly Day, long Annotations, long Completed, long Annotators);
