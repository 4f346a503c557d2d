namespace Groundwork.Core.Quality;

/// <summary>One annotation as the consensus job reads it: which task, who, and the raw result array.</summary>
public sealed record LabeledAnswer(long TaskId, long AuthorId, string ResultJson);
