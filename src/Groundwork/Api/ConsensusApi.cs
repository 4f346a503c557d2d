using System.Security.Claims;
using Groundwork.Api.Contracts;
using Groundwork.Core.Projects;
using Groundwork.Core.Quality;
using Groundwork.Core.Reviews;
using Groundwork.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Groundwork.Api;

/// <summary>The quality engine's results: consensus per task (reviewers and managers) and annotator skill (managers).</summary>
public static class ConsensusApi
{
    public static RouteGroupBuilder MapConsensusApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/projects/{projectId:long}").WithTags("Quality").RequireAuthorization();
        group.MapGet("/consensus", ListAsync).WithName("ListConsensus")
            .WithSummary("Consensus per task (label, confidence, method), recomputed in the background as annotations arrive");
        group.MapGet("/tasks/{taskId:long}/consensus", GetAsync).WithName("GetConsensus").WithSummary("A task's consensus");
        group.MapGet("/skills", SkillsAsync).WithName("ListSkills").WithSummary("Each annotator's skill, agreement with the consensus and review acceptance rate");
        return group;
    }

    public static async Task<Results<Ok<ConsensusPageResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        long projectId, long? cursor, int? limit, ClaimsPrincipal user, ProjectAccess access, IConsensusStore consensus, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Reviewer, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        if (limit is < 1 or > 1000 || cursor is < 0)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [limit is < 1 or > 1000 ? "limit" : "cursor"] = ["limit must be between 1 and 1000; cursor a next_cursor value"] },
                title: "The query is not valid");
        }

        var size = limit ?? 100;
        var items = await consensus.ListAsync(projectId, cursor ?? 0, size, cancellationToken);
        return TypedResults.Ok(new ConsensusPageResponse(items.Select(ConsensusResponse.From).ToList(), items.Count == size ? items[^1].TaskId : null));
    }

    public static async Task<Results<Ok<ConsensusResponse>, ProblemHttpResult>> GetAsync(
        long projectId, long taskId, ClaimsPrincipal user, ProjectAccess access, IConsensusStore consensus, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Reviewer, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var found = await consensus.GetAsync(projectId, taskId, cancellationToken);
        return found is null
            ? Problems.NotFound($"Task {taskId} of project {projectId} has no consensus (yet): it needs annotations with a single choice, and the background job runs every few seconds.")
            : TypedResults.Ok(ConsensusResponse.From(found));
    }

    public static async Task<Results<Ok<IReadOnlyList<SkillResponse>>, ProblemHttpResult>> SkillsAsync(
        long projectId, ClaimsPrincipal user, ProjectAccess access, IConsensusStore consensus, IReviewStore reviews, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var skills = await consensus.SkillsAsync(projectId, cancellationToken);
        var reviewed = (await reviews.StatsAsync(projectId, cancellationToken)).ToDictionary(r => r.UserId);
        return TypedResults.Ok<IReadOnlyList<SkillResponse>>(skills.Select(s => SkillResponse.From(s, reviewed.GetValueOrDefault(s.UserId))).ToList());
    }
}
