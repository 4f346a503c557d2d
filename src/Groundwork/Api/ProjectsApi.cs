using System.Security.Claims;
using Groundwork.Api.Contracts;
using Groundwork.Core.Projects;
using Groundwork.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Groundwork.Api;

/// <summary>Projects: create, list, read, update, delete.</summary>
public static class ProjectsApi
{
    public static RouteGroupBuilder MapProjectsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/projects").WithTags("Projects").RequireAuthorization();
        group.MapPost("/", CreateAsync).WithName("CreateProject").WithSummary("Create a project");
        group.MapGet("/", ListAsync).WithName("ListProjects").WithSummary("List the projects you can see");
        group.MapGet("/{projectId:long}", GetAsync).WithName("GetProject").WithSummary("Get a project");
        group.MapPatch("/{projectId:long}", UpdateAsync).WithName("UpdateProject").WithSummary("Update a project's fields");
        group.MapDelete("/{projectId:long}", DeleteAsync).WithName("DeleteProject").WithSummary("Delete a project with its tasks and annotations");
        return group;
    }

    public static async Task<Results<Created<ProjectResponse>, ValidationProblem>> CreateAsync(
        ProjectRequest request, ClaimsPrincipal user, IProjectStore projects, CancellationToken cancellationToken)
    {
        var errors = ProjectValidation.Validate(request, existing: null, out var draft);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The project is not valid");
        }

        var project = await projects.CreateAsync(draft!, user.UserId(), cancellationToken);
        return TypedResults.Created($"/api/v1/projects/{project.Id}", ProjectResponse.From(project));
    }

    public static async Task<Ok<IReadOnlyList<ProjectResponse>>> ListAsync(ClaimsPrincipal user, IProjectStore projects, CancellationToken cancellationToken)
    {
        var list = await projects.ListVisibleAsync(user.UserId(), user.IsAdmin(), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ProjectResponse>>(list.Select(ProjectResponse.From).ToList());
    }

    public static async Task<Results<Ok<ProjectResponse>, ProblemHttpResult>> GetAsync(
        long projectId, ClaimsPrincipal user, ProjectAccess access, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Annotator, cancellationToken);
        return check.Granted ? TypedResults.Ok(ProjectResponse.From(check.Project!)) : check.Denied();
    }

    public static async Task<Results<Ok<ProjectResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long projectId, ProjectRequest request, ClaimsPrincipal user, ProjectAccess access, IProjectStore projects, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var errors = ProjectValidation.Validate(request, check.Project, out var draft);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The project is not valid");
        }

        var updated = await projects.UpdateAsync(projectId, draft!, cancellationToken);
        return updated is null ? ProjectAccessResult.NotFound(projectId).Denied() : TypedResults.Ok(ProjectResponse.From(updated));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long projectId, ClaimsPrincipal user, ProjectAccess access, IProjectStore projects, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        await projects.DeleteAsync(projectId, cancellationToken);
        return TypedResults.NoContent();
    }
}
