using System.Security.Claims;
using Groundwork.Api.Contracts;
using Groundwork.Core.Events;
using Groundwork.Core.Projects;
using Groundwork.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Groundwork.Api;

/// <summary>
/// The audit log, read-only: a project's events for its managers, everything for organisation admins.
/// There is deliberately no route that changes or deletes an audit event (and the schema refuses it too).
/// </summary>
public static class AuditApi
{
    private const string FilterDescription =
        "Filters: action (e.g. annotation.created, project.member_set), actor_id, since and until (ISO 8601; since inclusive, until exclusive). " +
        "Newest first; paging: pass next_cursor as cursor; limit 1-1000 (default 100).";

    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1").WithTags("Audit").RequireAuthorization();
        group.MapGet("/projects/{projectId:long}/audit", ProjectAsync).WithName("ProjectAudit").WithSummary("A project's audit events (managers)").WithDescription(FilterDescription);
        group.MapGet("/audit", OrganisationAsync).WithName("Audit").WithSummary("Every audit event (organisation admins)").WithDescription(FilterDescription + " project_id narrows to one project.");
        return group;
    }

    public static async Task<Results<Ok<AuditPageResponse>, ValidationProblem, ProblemHttpResult>> ProjectAsync(
        long projectId,
        string? action,
        [FromQuery(Name = "actor_id")] long? actorId,
        DateTimeOffset? since,
        DateTimeOffset? until,
        long? cursor,
        int? limit,
        ClaimsPrincipal user,
        ProjectAccess access,
        IAuditLog audit,
        CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        return await QueryAsync(new AuditQuery(projectId, action, actorId, since, until, cursor, limit ?? 100), audit, cancellationToken);
    }

    public static async Task<Results<Ok<AuditPageResponse>, ValidationProblem, ProblemHttpResult>> OrganisationAsync(
        [FromQuery(Name = "project_id")] long? projectId,
        string? action,
        [FromQuery(Name = "actor_id")] long? actorId,
        DateTimeOffset? since,
        DateTimeOffset? until,
        long? cursor,
        int? limit,
        ClaimsPrincipal user,
        IAuditLog audit,
        CancellationToken cancellationToken)
    {
        if (!user.IsAdmin())
        {
            return Problems.Forbidden("Only organisation admins may read the whole audit log; project managers read their project's at /api/v1/projects/{id}/audit.");
        }

        return await QueryAsync(new AuditQuery(projectId, action, actorId, since, until, cursor, limit ?? 100), audit, cancellationToken);
    }

    private static async Task<Results<Ok<AuditPageResponse>, ValidationProblem, ProblemHttpResult>> QueryAsync(AuditQuery query, IAuditLog audit, CancellationToken cancellationToken)
    {
        var errors = Paging.Check(query.BeforeId, query.Limit);
        if (query.Since is { } since && query.Until is { } until && until <= since)
        {
            errors["until"] = ["until must be later than since"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The query is not valid");
        }

        var page = await audit.QueryAsync(query, cancellationToken);
        return TypedResults.Ok(new AuditPageResponse(page.Items.Select(AuditEventResponse.From).ToList(), page.NextCursor));
    }
}
