using Microsoft.AspNetCore.Authentication;

namespace Groundwork.Security;

public sealed class TokenAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>How long a verified token is remembered before the store is asked again.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(10);
}
