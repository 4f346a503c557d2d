using Microsoft.AspNetCore.Authentication;

namespace Groundwork.Security;

public sealed class TokenAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>How long a verified token is remembered before the store is asked again.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A token's <c>last_used_at</c> is written at most once in this interval (zero: never written).</summary>
    public TimeSpan TouchEvery { get; set; } = TimeSpan.FromMinutes(1);
}
