using System.Globalization;
using System.Security.Claims;
using Groundwork.Core.Users;

namespace Groundwork.Security;

/// <summary>The claims a signed-in Groundwork user carries, and how to read them.</summary>
public static class GroundworkClaims
{
    /// <summary>API tokens: <c>Authorization: Token|Bearer</c>.</summary>
    public const string Scheme = "Token";

    /// <summary>Browser sessions: the <c>gw_session</c> cookie.</summary>
    public const string SessionScheme = "Session";

    /// <summary>The default scheme: API tokens when an Authorization header is present, else the session cookie.</summary>
    public const string PolicyScheme = "Groundwork";

    public const string Admin = "groundwork:admin";

    /// <summary>The authorization policy of routes only organisation admins may use.</summary>
    public const string AdminPolicy = "OrganisationAdmin";

    /// <summary>The security stamp a session was issued under; a session whose stamp is stale has ended.</summary>
    public const string SecurityStamp = "groundwork:stamp";

    public static long UserId(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var value = principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The request is not authenticated.");
        return long.Parse(value, CultureInfo.InvariantCulture);
    }

    public static bool IsAdmin(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.HasClaim(Admin, "true");
    }

    /// <summary>True when the request was authenticated by the session cookie (not by an API token).</summary>
    public static bool IsSession(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.Identity is { IsAuthenticated: true, AuthenticationType: SessionScheme };
    }

    /// <summary>The principal for <paramref name="user"/>, authenticated by <paramref name="scheme"/>; sessions also carry the security stamp.</summary>
    public static ClaimsPrincipal CreatePrincipal(User user, string scheme, string? securityStamp = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Email, user.Email),
            new(ClaimTypes.Name, user.Name),
        };
        if (user.IsAdmin)
        {
            claims.Add(new Claim(Admin, "true"));
        }

        if (securityStamp is not null)
        {
            claims.Add(new Claim(SecurityStamp, securityStamp));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
