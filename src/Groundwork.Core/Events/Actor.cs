namespace Groundwork.Core.Events;

/// <summary>Who is acting: a signed-in user (or none, for the CLI and background work) and where from.</summary>
public sealed record Actor(long? UserId, string? Address);
