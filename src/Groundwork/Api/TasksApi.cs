using System.Security.Claims;
using Groundwork.Api.Contracts;
using Groundwork.Core;
using Groundwork.Core.Projects;
using Groundwork.Core.Queue;
using Groundwork.Core.Tasks;
using Groundwork.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Groundwork.Api;

/// <summary>Tasks: list with filters and cursor paging, read one, cancel one. Import lives in <see cref="ImportApi"/>.</summary>
public static class TasksApi
{
    public static RouteGroupBuilder MapTasksApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/projects/{projectId:long}/tasks").WithTags("Tasks").RequireAuthorization();
        group.MapGet("/", ListAsync).WithName("ListTasks")
            .WithSummary("List a project's tasks")
            .WithDescription("Filters: status (queued, in_progress, completed, canceled), batch, unique_id, has_annotations. Paging: pass next_cursor as cursor; limit 1-1000 (default 100).");
        group.MapGet("/{taskId:long}", GetAsync).WithName("GetTask").WithSummary("Get a task");
        group.MapPatch("/{taskId:long}", UpdateAsync).WithName("UpdateTask")
            .WithSummary("Change a task's priority or its own overlap (0: use the project's)");
        group.MapPost("/{taskId:long}/cancel", CancelAsync).WithName("CancelTask").WithSummary("Cancel a task that is not completed");
        return group;
    }

    public static async Task<Results<Ok<TaskPageResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        long projectId,
        string? status,
        string? batch,
        [FromQuery(Name = "unique_id")] string? uniqueId,
        [FromQuery(Name = "has_annotations")] bool? hasAnnotations,
        long? cursor,
        int? limit,
        ClaimsPrincipal user,
        ProjectAccess access,
        ITaskStore tasks,
        CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Reviewer, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        LabelingTaskStatus? statusFilter = null;
        if (status is not null)
        {
            if (TaskStatusNames.TryParse(status, out var parsed))
            {
                statusFilter = parsed;
            }
            else
            {
                errors["status"] = [$"unknown status '{status}': use queued, in_progress, completed or canceled"];
            }
        }

        if (limit is < 1 or > 1000)
        {
            errors["limit"] = ["limit must be between 1 and 1000"];
        }

        if (cursor is < 0)
        {
            errors["cursor"] = ["cursor must be a next_cursor value from a previous page"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The query is not valid");
        }

        var page = await tasks.ListAsync(
            new TaskQuery(projectId, statusFilter, batch, uniqueId, hasAnnotations, cursor ?? 0, limit ?? 100),
            cancellationToken);
        return TypedResults.Ok(new TaskPageResponse(page.Items.Select(TaskResponse.From).ToList(), page.NextCursor));
    }

    public static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> GetAsync(
        long projectId, long taskId, ClaimsPrincipal user, ProjectAccess access, ITaskStore tasks, IWorkQueue queue, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Annotator, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        // Annotators see only tasks the queue leased to them; for any other task they get the same 404 as for a missing one.
        if (check.Role == ProjectRole.Annotator && !user.IsAdmin() && !await queue.WasLeasedAsync(projectId, taskId, user.UserId(), cancellationToken))
        {
            return Problems.NotFound($"Task {taskId} does not exist in project {projectId}.");
        }

        var task = await tasks.GetAsync(projectId, taskId, cancellationToken);
        return task is null ? Problems.NotFound($"Task {taskId} does not exist in project {projectId}.") : TypedResults.Ok(TaskResponse.From(task));
    }

    public static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long projectId, long taskId, TaskUpdateRequest? request, ClaimsPrincipal user, ProjectAccess access, ITaskStore tasks, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request?.Overlap is < 0 or > ProjectValidation.MaxOverlap)
        {
            errors["overlap"] = [$"overlap must be between 1 and {ProjectValidation.MaxOverlap}, or 0 to use the project's"];
        }

        if (request is null || (request.Priority is null && request.Overlap is null))
        {
            errors["body"] = ["give priority and/or overlap"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The task change is not valid");
        }

        var outcome = await tasks.UpdateAsync(projectId, taskId, new TaskSettings(request!.Priority, request.Overlap), cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(TaskResponse.From(outcome.Value!)) : Problems.From(outcome);
    }

    public static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> CancelAsync(
        long projectId, long taskId, ClaimsPrincipal user, ProjectAccess access, ITaskStore tasks, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var outcome = await tasks.CancelAsync(projectId, taskId, cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(TaskResponse.From(outcome.Value!)) : Problems.From(outcome);
    }
}
