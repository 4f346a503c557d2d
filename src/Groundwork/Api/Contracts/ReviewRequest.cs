namespace Groundwork.Api.Contracts;

/// <summary>
/// A review decision: <c>decision</c> is <c>accepted</c>, <c>rejected</c> (with a required <c>comment</c>) or <c>fixed</c>
/// (with the corrected Label Studio <c>result</c>, checked against the labeling configuration); a comment is optional otherwise.
/// </summary>
public sealed record ReviewRequest(string? Decision, string? Comment, RawJson? Result);
