namespace Groundwork.Api.Contracts;

/// <summary>The role to give a member: annotator, reviewer or manager.</summary>
public sealed record MemberRequest(string? Role);
