namespace Groundwork.Core.Projects;

/// <summary>
/// A user's membership of a project: their role, and, for annotators, whether the queue has paused
/// them (and why) and when they passed the qualification set.
/// </summary>
public sealed record ProjectMember(
    long UserId,
    string Email,
    string Name,
    ProjectRole Role,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PausedAt,
    string? PausedReason,
    DateTimeOffset? QualifiedAt);
