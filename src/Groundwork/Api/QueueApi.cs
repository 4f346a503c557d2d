using System.Security.Claims;
using Groundwork.Api.Contracts;
using Groundwork.Core.Projects;
using Groundwork.Core.Queue;
using Groundwork.Queue;
using Groundwork.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Groundwork.Api;

/// <summary>The annotator's queue: take the next task under a lease, keep the lease alive, skip.</summary>
public static class QueueApi
{
    public const int MaxSkipReasonLength = 2000;

    public static RouteGroupBuilder MapQueueApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/projects/{projectId:long}").WithTags("Queue").RequireAuthorization();
        group.MapPost("/next", NextAsync).WithName("NextTask")
            .WithSummary("Take the next task under a lease")
            .WithDescription("Returns your live lease if you hold one, else leases the next task: qualification tasks first while you are not qualified, gold at the project's rate, then by priority, started tasks first, then import order. 204 when there is nothing for you; 403 with the reason when you are paused.");
        group.MapPost("/leases/{leaseId:long}/heartbeat", HeartbeatAsync).WithName("HeartbeatLease").WithSummary("Extend your lease by the project's lease time");
        group.MapPost("/leases/{leaseId:long}/skip", SkipAsync).WithName("SkipLease").WithSummary("Give the task back; you will not be offered it again");
        return group;
    }

    public static async Task<Results<Ok<LeasedTaskResponse>, NoContent, ProblemHttpResult>> NextAsync(
        long projectId, ClaimsPrincipal user, ProjectAccess access, IWorkQueue queue, QueueMetrics metrics, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Annotator, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var outcome = await queue.NextAsync(check.Project!, user.UserId(), cancellationToken);
        if (outcome.Leased is not null)
        {
            metrics.LeaseGranted();
        }

        if (outcome.IsPaused)
        {
            return Problems.Forbidden(char.ToUpperInvariant(outcome.PausedReason![0]) + outcome.PausedReason[1..] + ".");
        }

        return outcome.Leased is { } leased ? TypedResults.Ok(LeasedTaskResponse.From(leased)) : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<LeaseResponse>, ProblemHttpResult>> HeartbeatAsync(
        long projectId, long leaseId, ClaimsPrincipal user, ProjectAccess access, IWorkQueue queue, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Annotator, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var outcome = await queue.HeartbeatAsync(projectId, leaseId, user.UserId(), cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(LeaseResponse.From(outcome.Value!)) : Problems.From(outcome);
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SkipAsync(
        long projectId, long leaseId, SkipRequest? request, ClaimsPrincipal user, ProjectAccess access, IWorkQueue queue, QueueMetrics metrics, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Annotator, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var reason = request?.Reason;
        if (reason is { Length: > MaxSkipReasonLength } || !Core.StoredText.IsValid(reason))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["reason"] = [$"reason must have at most {MaxSkipReasonLength} characters, without NUL or unpaired surrogates"] },
                title: "The skip is not valid");
        }

        var outcome = await queue.SkipAsync(projectId, leaseId, user.UserId(), string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), cancellationToken);
        if (!outcome.Succeeded)
        {
            return Problems.From(outcome);
        }

        metrics.LeaseSkipped();
        return TypedResults.NoContent();
    }
}
