namespace Groundwork.Api.Contracts;

/// <summary>How far a job got: tasks read and written so far, of the total counted when it started (null before then).</summary>
public sealed record ExportJobProgressResponse(long TasksWritten, long? TasksTotal);
