using Groundwork.Core.Projects;

namespace Groundwork.Api.Contracts;

public sealed record MemberResponse(long UserId, string Email, string Name, string Role, DateTimeOffset CreatedAt, bool Paused, string? PausedReason, DateTimeOffset? PausedAt, DateTimeOffset? QualifiedAt)
{
    public static MemberResponse From(ProjectMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new(member.UserId, member.Email, member.Name, ProjectRoles.Name(member.Role), member.CreatedAt, member.PausedAt is not null, member.PausedReason, member.PausedAt, member.QualifiedAt);
    }
}
