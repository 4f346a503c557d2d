using System.Security.Claims;
using Groundwork.Api.Contracts;
using Groundwork.Core.Users;
using Groundwork.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Groundwork.Api;

/// <summary>The organisation's users, managed by its admins (everyone else gets 403).</summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(GroundworkClaims.AdminPolicy);
        group.MapPost("/", CreateAsync).WithName("CreateUser").WithSummary("Create a user (admins only)");
        group.MapGet("/", ListAsync).WithName("ListUsers").WithSummary("Every user (admins only)");
        group.MapGet("/{userId:long}", GetAsync).WithName("GetUser").WithSummary("A user (admins only)");
        group.MapPatch("/{userId:long}", UpdateAsync).WithName("UpdateUser").WithSummary("Change a user's name, password, admin flag or disabled state (admins only)");
        return group;
    }

    public static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        UserRequest? request, AccountService accounts, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors["body"] = ["a JSON object with the user's fields is required"];
            return AccountValidation.Problem(errors, "The user is not valid");
        }

        AccountValidation.Email(request.Email, errors);
        AccountValidation.Name(request.Name, required: false, errors);
        AccountValidation.Password(request.Password, errors);
        if (errors.Count > 0)
        {
            return AccountValidation.Problem(errors, "The user is not valid");
        }

        var user = await accounts.CreateAsync(request.Email!, request.Name ?? request.Email!, request.IsAdmin ?? false, request.Password, cancellationToken);
        return user is null
            ? Problems.Conflict($"A user with the email {request.Email} already exists.")
            : TypedResults.Created($"/api/v1/users/{user.Id}", UserResponse.From(user));
    }

    public static async Task<Ok<IReadOnlyList<UserResponse>>> ListAsync(IUserStore users, CancellationToken cancellationToken)
    {
        var list = await users.ListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<UserResponse>>(list.Select(UserResponse.From).ToList());
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetAsync(long userId, IUserStore users, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(userId, cancellationToken);
        return user is null ? Problems.NotFound($"User {userId} does not exist.") : TypedResults.Ok(UserResponse.From(user));
    }

    public static async Task<Results<Ok<UserResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long userId, UserUpdateRequest? request, ClaimsPrincipal admin, AccountService accounts, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors["body"] = ["a JSON object with the fields to change is required"];
            return AccountValidation.Problem(errors, "The change is not valid");
        }

        AccountValidation.Name(request.Name, required: false, errors);
        AccountValidation.Password(request.Password, errors);
        if (errors.Count > 0)
        {
            return AccountValidation.Problem(errors, "The change is not valid");
        }

        if (userId == admin.UserId() && (request.IsAdmin == false || request.Disabled == true))
        {
            // Only an admin can undo this, so an admin removing their own rights could leave nobody able to.
            return Problems.Conflict("You cannot remove your own admin rights or disable yourself; ask another admin.");
        }

        var outcome = await accounts.UpdateAsync(userId, request.Name, request.IsAdmin, request.Disabled, request.Password, cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(UserResponse.From(outcome.Value!)) : Problems.From(outcome);
    }
}
