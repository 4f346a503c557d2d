using System.Security.Claims;
using Groundwork.Api.Contracts;
using Groundwork.Core.Security;
using Groundwork.Core.Users;
using Groundwork.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Groundwork.Api;

/// <summary>Your own account: who you are, your name and password, and your API tokens.</summary>
public static class MeApi
{
    public static RouteGroupBuilder MapMeApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/me").WithTags("Account").RequireAuthorization();
        group.MapGet("/", GetAsync).WithName("GetMe").WithSummary("The signed-in user");
        group.MapPatch("/", UpdateAsync).WithName("UpdateMe").WithSummary("Change your name or password (a new password needs current_password and ends your other sessions)");
        group.MapGet("/tokens", ListTokensAsync).WithName("ListMyTokens").WithSummary("Your API tokens, revoked ones included; never their secrets");
        group.MapPost("/tokens", CreateTokenAsync).WithName("CreateMyToken").WithSummary("Create a named API token; its secret is in this response only");
        group.MapDelete("/tokens/{tokenId:long}", RevokeTokenAsync).WithName("RevokeMyToken").WithSummary("Revoke one of your API tokens, effective at once");
        return group;
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetAsync(ClaimsPrincipal user, IUserStore users, CancellationToken cancellationToken)
    {
        var me = await users.GetAsync(user.UserId(), cancellationToken);
        return me is null ? Problems.NotFound("Your user no longer exists.") : TypedResults.Ok(UserResponse.From(me));
    }

    public static async Task<Results<Ok<UserResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        MeUpdateRequest? request, HttpContext context, AccountService accounts, IAntiforgery antiforgery, IUserStore users, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var userId = context.User.UserId();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors["body"] = ["a JSON object with the fields to change is required"];
            return AccountValidation.Problem(errors, "The change is not valid");
        }

        AccountValidation.Name(request.Name, required: false, errors);
        AccountValidation.Password(request.Password, errors);
        if (request.Password is not null && !errors.ContainsKey("password") && await accounts.HasPasswordAsync(userId, cancellationToken))
        {
            if (string.IsNullOrEmpty(request.CurrentPassword))
            {
                errors["current_password"] = ["current_password is required to set a new password"];
            }
            else if (!await accounts.IsCurrentPasswordAsync(userId, request.CurrentPassword, cancellationToken))
            {
                errors["current_password"] = ["current_password is not correct"];
            }
        }

        if (errors.Count > 0)
        {
            return AccountValidation.Problem(errors, "The change is not valid");
        }

        var outcome = await accounts.UpdateAsync(userId, request.Name, isAdmin: null, disabled: null, request.Password, cancellationToken);
        if (!outcome.Succeeded)
        {
            return Problems.From(outcome);
        }

        if (request.Password is not null && context.User.IsSession())
        {
            // The new password ended every session; this browser continues under a fresh cookie.
            var credentials = await users.GetCredentialsAsync(userId, cancellationToken);
            if (credentials is not null)
            {
                await Sessions.IssueAsync(context, credentials, antiforgery);
            }
        }

        return TypedResults.Ok(UserResponse.From(outcome.Value!));
    }

    public static async Task<Ok<IReadOnlyList<TokenResponse>>> ListTokensAsync(ClaimsPrincipal user, IUserStore users, CancellationToken cancellationToken)
    {
        var tokens = await users.ListTokensAsync(user.UserId(), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<TokenResponse>>(tokens.Select(TokenResponse.From).ToList());
    }

    public static async Task<Results<Created<CreatedTokenResponse>, ValidationProblem>> CreateTokenAsync(
        TokenRequest? request, ClaimsPrincipal user, IUserStore users, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var name = request?.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors["name"] = ["name is required"];
        }
        else if (name.Length > AccountValidation.MaxTokenNameLength)
        {
            errors["name"] = [$"name must have at most {AccountValidation.MaxTokenNameLength} characters"];
        }

        if (errors.Count > 0)
        {
            return AccountValidation.Problem(errors, "The token request is not valid");
        }

        var secret = ApiTokens.Generate();
        var token = await users.AddTokenAsync(user.UserId(), name!, ApiTokens.DisplayPrefix(secret), ApiTokens.Hash(secret), cancellationToken);
        return TypedResults.Created($"/api/v1/me/tokens/{token.Id}", CreatedTokenResponse.From(new IssuedToken(token, secret)));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeTokenAsync(
        long tokenId, ClaimsPrincipal user, IUserStore users, CredentialCache cache, CancellationToken cancellationToken)
    {
        var outcome = await users.RevokeTokenAsync(user.UserId(), tokenId, cancellationToken);
        if (!outcome.Succeeded)
        {
            return Problems.From(outcome);
        }

        cache.EvictToken(outcome.Value!);
        return TypedResults.NoContent();
    }
}
