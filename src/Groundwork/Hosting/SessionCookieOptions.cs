using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http;

namespace Groundwork.Hosting;

/// <summary>Browser sessions (the <c>gw_session</c> cookie). Bound from <c>Groundwork:Sessions</c>.</summary>
public sealed class SessionCookieOptions : IValidatableObject
{
    public const string Section = "Groundwork:Sessions";

    public const string CookieName = "gw_session";

    public const string AntiforgeryCookieName = "gw_csrf";

    public const string AntiforgeryHeaderName = "X-CSRF-Token";

    /// <summary>
    /// When the cookies get the Secure attribute: <c>Always</c> (default; browsers treat http://localhost as secure),
    /// <c>SameAsRequest</c> (only over HTTPS; for a plain-HTTP install on another host name), or <c>None</c>.
    /// </summary>
    public CookieSecurePolicy SecurePolicy { get; set; } = CookieSecurePolicy.Always;

    /// <summary><c>Lax</c> (default) or <c>Strict</c>; <c>None</c> and <c>Unspecified</c> are refused.</summary>
    public SameSiteMode SameSite { get; set; } = SameSiteMode.Lax;

    /// <summary>How long a session lasts without use; each use past half of it extends it (sliding).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long a session's user (disabled? password changed?) may be taken from the cache before the store is asked again.</summary>
    public TimeSpan RevalidateEvery { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SameSite is not (SameSiteMode.Lax or SameSiteMode.Strict))
        {
            yield return new ValidationResult("Groundwork:Sessions:SameSite must be Lax or Strict.", [nameof(SameSite)]);
        }

        if (IdleTimeout < TimeSpan.FromMinutes(1))
        {
            yield return new ValidationResult("Groundwork:Sessions:IdleTimeout must be at least one minute.", [nameof(IdleTimeout)]);
        }

        if (RevalidateEvery < TimeSpan.Zero || RevalidateEvery > TimeSpan.FromMinutes(1))
        {
            yield return new ValidationResult("Groundwork:Sessions:RevalidateEvery must be between 0 and 1 minute.", [nameof(RevalidateEvery)]);
        }
    }
}
