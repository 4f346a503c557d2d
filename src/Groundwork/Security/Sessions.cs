using Groundwork.Api.Contracts;
using Groundwork.Core.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Groundwork.Security;

/// <summary>Issuing a browser session: the <c>gw_session</c> cookie and the anti-forgery token bound to it.</summary>
public static class Sessions
{
    /// <summary>Signs <paramref name="credentials"/>' user in with a session cookie and returns the session body.</summary>
    public static async Task<SessionResponse> IssueAsync(HttpContext context, UserCredentials credentials, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(antiforgery);
        var principal = GroundworkClaims.CreatePrincipal(credentials.User, GroundworkClaims.SessionScheme, credentials.SecurityStamp);
        await context.SignInAsync(GroundworkClaims.SessionScheme, principal, new AuthenticationProperties { IsPersistent = true });
        return Describe(context, principal, credentials.User, antiforgery);
    }

    /// <summary>The session body for an existing session, with a fresh anti-forgery token.</summary>
    public static SessionResponse Describe(HttpContext context, System.Security.Claims.ClaimsPrincipal principal, User user, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(antiforgery);
        context.User = principal; // the anti-forgery token is bound to the user it is issued for
        var tokens = antiforgery.GetAndStoreTokens(context);
        return new SessionResponse(UserResponse.From(user), tokens.RequestToken!);
    }
}
