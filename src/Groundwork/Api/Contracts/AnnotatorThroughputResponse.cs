namespace Groundwork.Api.Contracts;

/// <summary>An annotator's annotations in the window, the days they worked and their mean lead time in seconds.</summary>
public sealed record AnnotatorThroughputResponse(long UserId, long Annotations, int ActiveDays, double? MeanLeadTimeSeconds);
