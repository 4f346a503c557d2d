using Groundwork.Core.Events;

namespace Groundwork.Security;

/// <summary>
/// Puts the signed-in user and their address in <see cref="ActorScope"/> for the rest of the request,
/// so every audit event the request causes says who and from where without stores taking new parameters.
/// </summary>
public sealed class ActorMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        using (ActorScope.Begin(new Actor(context.User.UserId(), context.Connection.RemoteIpAddress?.ToString())))
        {
            await next(context);
        }
    }
}
