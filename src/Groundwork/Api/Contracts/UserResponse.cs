using Groundwork.Core.Users;

namespace Groundwork.Api.Contracts;

public sealed record UserResponse(long Id, string Email, string Name, bool IsAdmin, bool Disabled, DateTimeOffset CreatedAt)
{
    public static UserResponse From(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.Email, user.Name, user.IsAdmin, user.IsDisabled, user.CreatedAt);
    }
}
