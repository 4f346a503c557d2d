using Groundwork.Api.Contracts;
using Groundwork.Core.Users;
using Groundwork.Demo;
using Groundwork.Hosting;
using Groundwork.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Groundwork.Api;

/// <summary>
/// Demo sign-in: mapped only when the server runs with <c>--demo</c> (see <see cref="DemoOptions"/>), it gives whoever
/// asks a session as the demo user. Without <c>--demo</c> the route does not exist (404), and the demo user, who has no
/// password and no token, cannot sign in at all.
/// </summary>
public static class DemoApi
{
    public static RouteGroupBuilder MapDemoApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/auth").WithTags("Authentication").AllowAnonymous();
        group.MapPost("/demo", SignInAsync)
            .DisableAntiforgery()
            .RequireRateLimiting(GroundworkRateLimiting.SignInPolicy)
            .WithName("DemoSignIn")
            .WithSummary("Demo mode only (serve --demo): sign in as the demo user; sets the gw_session cookie and returns the user and a CSRF token");
        return group;
    }

    public static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> SignInAsync(
        HttpContext context, IUserStore users, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(users);
        var credentials = await users.GetCredentialsByEmailAsync(DemoSeeder.DemoEmail, cancellationToken);
        if (credentials is null || credentials.User.IsDisabled)
        {
            return TypedResults.Problem(title: "No demo user", statusCode: StatusCodes.Status409Conflict,
                detail: $"The demo user {DemoSeeder.DemoEmail} is missing or disabled: restart the server with --demo to seed it again.");
        }

        return TypedResults.Ok(await Sessions.IssueAsync(context, credentials, antiforgery));
    }
}
