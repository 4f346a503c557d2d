using System.Globalization;
using System.Security.Claims;

namespace Groundwork.Security;

/// <summary>The claims a signed-in Groundwork user carries, and how to read them.</summary>
public static class GroundworkClaims
{
    public const string Scheme = "Token";
    public const string Admin = "groundwork:admin";

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
}
