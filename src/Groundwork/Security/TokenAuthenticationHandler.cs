using System.Text.Encodings.Web;
using Groundwork.Core.Security;
using Groundwork.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Groundwork.Security;

/// <summary>
/// API tokens: <c>Authorization: Token &lt;t&gt;</c> or <c>Bearer &lt;t&gt;</c>. The token is hashed and looked up;
/// a short cache keyed by the hash spares the store a query on every request (revoking a token or disabling its user
/// empties it at once). A token's <c>last_used_at</c> is written at most once per <see cref="TokenAuthenticationOptions.TouchEvery"/>.
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<TokenAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IUserStore users,
    CredentialCache credentials,
    IMemoryCache cache,
    TimeProvider clock)
    : AuthenticationHandler<TokenAuthenticationOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return AuthenticateResult.Fail("malformed Authorization header");
        }

        var scheme = header[..space];
        if (!scheme.Equals("Token", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header[(space + 1)..].Trim();
        if (token.Length == 0)
        {
            return AuthenticateResult.Fail("empty token");
        }

        var hash = ApiTokens.Hash(token);
        if (!credentials.TryGetToken(hash, out var owner))
        {
            owner = await users.FindTokenAsync(hash, Context.RequestAborted);
            if (owner is not null)
            {
                credentials.SetToken(hash, owner, Options.CacheFor);
            }
        }

        if (owner is null)
        {
            return AuthenticateResult.Fail("unknown or revoked token");
        }

        await TouchAsync(owner.TokenId);
        var principal = GroundworkClaims.CreatePrincipal(owner.User, Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Token, Bearer";
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Authentication required",
            Detail = "Send an API token ('Authorization: Token <token>' or 'Authorization: Bearer <token>') or sign in.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        };
        await TypedResults.Problem(problem).ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Forbidden",
            Detail = "Your role does not allow this.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        };
        await TypedResults.Problem(problem).ExecuteAsync(Context);
    }

    private async Task TouchAsync(long tokenId)
    {
        var key = "gw:token-used:" + tokenId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Options.TouchEvery <= TimeSpan.Zero || cache.TryGetValue(key, out _))
        {
            return;
        }

        cache.Set(key, true, Options.TouchEvery);
        await users.TouchTokenAsync(tokenId, clock.GetUtcNow(), Context.RequestAborted);
    }
}
