using Groundwork.Core.Users;
using Groundwork.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Groundwork.Security;

/// <summary>
/// Checks a session cookie's user on every request (through <see cref="CredentialCache"/>, so the store is asked at most
/// every <see cref="SessionCookieOptions.RevalidateEvery"/>): a deleted or disabled user, or a security stamp that changed
/// since sign-in (password changed), ends the session. Otherwise the request gets the user's current name and admin flag.
/// Challenges and denials are left to the token scheme, which answers with problem responses instead of redirects.
/// </summary>
public sealed partial class SessionCookieEvents(
    IUserStore users,
    CredentialCache cache,
    IOptions<SessionCookieOptions> options,
    ILogger<SessionCookieEvents> logger) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        var stamp = principal?.FindFirst(GroundworkClaims.SecurityStamp)?.Value;
        if (principal is null || stamp is null || !long.TryParse(principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var userId))
        {
            await RejectAsync(context);
            return;
        }

        var credentials = await cache.GetCredentialsAsync(userId, options.Value.RevalidateEvery, users.GetCredentialsAsync, context.HttpContext.RequestAborted);
        if (credentials is null || credentials.User.IsDisabled || !string.Equals(credentials.SecurityStamp, stamp, StringComparison.Ordinal))
        {
            LogSessionEnded(logger, userId);
            await RejectAsync(context);
            return;
        }

        context.ReplacePrincipal(GroundworkClaims.CreatePrincipal(credentials.User, GroundworkClaims.SessionScheme, credentials.SecurityStamp));
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.HttpContext.ChallengeAsync(GroundworkClaims.Scheme);
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.HttpContext.ForbidAsync(GroundworkClaims.Scheme);
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(GroundworkClaims.SessionScheme);
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Session of user {UserId} ended: user disabled, removed or given a new password")]
    private static partial void LogSessionEnded(ILogger logger, long userId);
}
