namespace Groundwork.Core.Users;

/// <summary>A live API token's id and the (enabled) user it belongs to.</summary>
public sealed record TokenOwner(long TokenId, User User);
