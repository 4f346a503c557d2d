using Groundwork.Api.Contracts;
using Groundwork.Core.Users;
using Groundwork.Demo;
using Groundwork.Hosting;
using Groundwork.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Groundwork.Api;

/// <summary>Browser sessions: sign in with email and password, read the session, sign out.</summary>
public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/auth").WithTags("Authentication").AllowAnonymous();
        group.MapPost("/sign-in", SignInAsync)
            .DisableAntiforgery()
            .RequireRateLimiting(GroundworkRateLimiting.SignInPolicy)
            .WithName("SignIn")
            .WithSummary("Sign in with email and password: sets the gw_session cookie and returns the user and a CSRF token");
        group.MapGet("/session", GetSessionAsync).WithName("GetSession").WithSummary("The signed-in user and a fresh CSRF token (401 without a session cookie)");
        group.MapPost("/sign-out", SignOutAsync).WithName("SignOut").WithSummary("End this browser's session and clear its cookie");
        return group;
    }

    public static async Task<Results<Ok<SessionResponse>, ValidationProblem, ProblemHttpResult>> SignInAsync(
        SignInRequest? request, HttpContext context, AccountService accounts, SignInThrottle throttle, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request?.Email))
        {
            errors["email"] = ["email is required"];
        }

        if (string.IsNullOrEmpty(request?.Password))
        {
            errors["password"] = ["password is required"];
        }

        if (errors.Count > 0)
        {
            return AccountValidation.Problem(errors, "The sign-in request is not valid");
        }

        using var lease = throttle.Attempt(request!.Email!);
        if (!lease.IsAcquired)
        {
            return GroundworkRateLimiting.TooManyRequests(context, lease);
        }

        var credentials = await accounts.VerifyAsync(request.Email!.Trim(), request.Password!, cancellationToken);
        if (credentials is null)
        {
            return TypedResults.Problem(title: "Sign-in failed", detail: "The email or password is not correct.", statusCode: StatusCodes.Status401Unauthorized);
        }

        return TypedResults.Ok(await Sessions.IssueAsync(context, credentials, antiforgery));
    }

    public static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> GetSessionAsync(
        HttpContext context, IUserStore users, IAntiforgery antiforgery, IOptions<DemoOptions> demo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(demo);
        var session = await context.AuthenticateAsync(GroundworkClaims.SessionScheme);
        if (!session.Succeeded)
        {
            return NotSignedIn(demo.Value.Enabled);
        }

        var user = await users.GetAsync(session.Principal.UserId(), cancellationToken);
        return user is null ? NotSignedIn(demo.Value.Enabled) : TypedResults.Ok(Sessions.Describe(context, session.Principal, user, antiforgery));
    }

    public static async Task<NoContent> SignOutAsync(HttpContext context, IOptions<SessionCookieOptions> options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        await context.SignOutAsync(GroundworkClaims.SessionScheme);
        context.Response.Cookies.Delete(SessionCookieOptions.AntiforgeryCookieName, new CookieOptions
        {
            Path = "/",
            HttpOnly = true,
            Secure = options.Value.SecurePolicy == CookieSecurePolicy.Always || context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
        });
        return TypedResults.NoContent();
    }

    /// <summary>401; in demo mode the problem names the demo sign-in route (<c>demo_sign_in</c>), which the UI then uses.</summary>
    private static ProblemHttpResult NotSignedIn(bool demo) =>
        TypedResults.Problem(title: "Not signed in", detail: "There is no session: sign in with POST /api/v1/auth/sign-in.", statusCode: StatusCodes.Status401Unauthorized,
            extensions: demo ? new Dictionary<string, object?>(StringComparer.Ordinal) { ["demo_sign_in"] = "/api/v1/auth/demo" } : null);
}
