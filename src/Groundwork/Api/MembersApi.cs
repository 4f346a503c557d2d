using System.Security.Claims;
using Groundwork.Api.Contracts;
using Groundwork.Core.Projects;
using Groundwork.Core.Users;
using Groundwork.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Groundwork.Api;

/// <summary>A project's members: list, add or change a role, remove, reinstate after a queue pause. Managers only.</summary>
public static class MembersApi
{
    public static RouteGroupBuilder MapMembersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/projects/{projectId:long}/members").WithTags("Members").RequireAuthorization();
        group.MapGet("/", ListAsync).WithName("ListMembers").WithSummary("List the project's members with their roles and queue state");
        group.MapPut("/{userId:long}", SetAsync).WithName("SetMember").WithSummary("Add a member or change their role");
        group.MapDelete("/{userId:long}", RemoveAsync).WithName("RemoveMember").WithSummary("Remove a member; their live leases end");
        group.MapPost("/{userId:long}/reinstate", ReinstateAsync).WithName("ReinstateMember")
            .WithSummary("Lift a queue pause (low gold accuracy or failed qualification)");
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<MemberResponse>>, ProblemHttpResult>> ListAsync(
        long projectId, ClaimsPrincipal user, ProjectAccess access, IProjectStore projects, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var members = await projects.ListMembersAsync(projectId, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<MemberResponse>>(members.Select(MemberResponse.From).ToList());
    }

    public static async Task<Results<Ok<MemberResponse>, ValidationProblem, ProblemHttpResult>> SetAsync(
        long projectId, long userId, MemberRequest? request, ClaimsPrincipal user, ProjectAccess access, IProjectStore projects, IUserStore users, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        if (!ProjectRoles.TryParse(request?.Role, out var role))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["role"] = [$"role must be annotator, reviewer or manager, not '{request?.Role}'"] },
                title: "The membership is not valid");
        }

        if (await users.GetAsync(userId, cancellationToken) is null)
        {
            return Problems.NotFound($"User {userId} does not exist.");
        }

        await projects.SetMemberAsync(projectId, userId, role, cancellationToken);
        var member = (await projects.ListMembersAsync(projectId, cancellationToken)).Single(m => m.UserId == userId);
        return TypedResults.Ok(MemberResponse.From(member));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        long projectId, long userId, ClaimsPrincipal user, ProjectAccess access, IProjectStore projects, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        return await projects.RemoveMemberAsync(projectId, userId, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"User {userId} is not a member of project {projectId}.");
    }

    public static async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> ReinstateAsync(
        long projectId, long userId, ClaimsPrincipal user, ProjectAccess access, IProjectStore projects, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        if (!await projects.ReinstateMemberAsync(projectId, userId, cancellationToken))
        {
            return Problems.NotFound($"User {userId} is not a member of project {projectId}.");
        }

        var member = (await projects.ListMembersAsync(projectId, cancellationToken)).Single(m => m.UserId == userId);
        return TypedResults.Ok(MemberResponse.From(member));
    }
}
