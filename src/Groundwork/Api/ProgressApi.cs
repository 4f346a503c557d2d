using System.Security.Claims;
using Groundwork.Api.Contracts;
using Groundwork.Core.Projects;
using Groundwork.Core.Queue;
using Groundwork.Core.Reviews;
using Groundwork.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Groundwork.Api;

/// <summary>Project progress and the dashboard's series, and the project's batches (pause and resume). Managers only.</summary>
public static class ProgressApi
{
    public const int DefaultStatsDays = 30;

    public const int MaxStatsDays = 366;

    public static RouteGroupBuilder MapProgressApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/projects/{projectId:long}").WithTags("Progress").RequireAuthorization();
        group.MapGet("/progress", ProgressAsync).WithName("ProjectProgress")
            .WithSummary("Tasks by status, live leases, annotations today, active annotators, gold accuracy and review acceptance rate per annotator");
        group.MapGet("/stats", StatsAsync).WithName("ProjectStats")
            .WithSummary("Activity per UTC day (annotations, completed tasks, annotators), throughput per annotator and the consensus label distribution over the last `days` days (1-366, default 30)");
        group.MapGet("/batches", BatchesAsync).WithName("ListBatches").WithSummary("The project's batches with counts and pause state");
        group.MapPost("/batches/{batch}/pause", PauseAsync).WithName("PauseBatch").WithSummary("Stop handing out the batch's tasks");
        group.MapPost("/batches/{batch}/resume", ResumeAsync).WithName("ResumeBatch").WithSummary("Hand out the batch's tasks again");
        return group;
    }

    public static async Task<Results<Ok<ProgressResponse>, ProblemHttpResult>> ProgressAsync(
        long projectId, ClaimsPrincipal user, ProjectAccess access, IProjectProgressReader progress, IGoldStore gold, IReviewStore reviews, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var read = await progress.ReadAsync(projectId, cancellationToken);
        var scores = await gold.ScoresAsync(projectId, cancellationToken);
        var reviewed = await reviews.StatsAsync(projectId, cancellationToken);
        return TypedResults.Ok(ProgressResponse.From(read, scores, reviewed));
    }

    public static async Task<Results<Ok<StatsResponse>, ProblemHttpResult>> StatsAsync(
        long projectId, int? days, ClaimsPrincipal user, ProjectAccess access, IProjectStatsReader stats, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        if (days is < 1 or > MaxStatsDays)
        {
            return Problems.BadRequest("The window is not valid", $"days must be between 1 and {MaxStatsDays}; it was {days}.");
        }

        return TypedResults.Ok(StatsResponse.From(await stats.ReadAsync(projectId, days ?? DefaultStatsDays, cancellationToken)));
    }

    public static async Task<Results<Ok<IReadOnlyList<BatchResponse>>, ProblemHttpResult>> BatchesAsync(
        long projectId, ClaimsPrincipal user, ProjectAccess access, IWorkQueue queue, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var batches = await queue.ListBatchesAsync(projectId, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<BatchResponse>>(batches.Select(b => new BatchResponse(b.Batch, b.Tasks, b.Completed, b.Paused)).ToList());
    }

    public static Task<Results<NoContent, ProblemHttpResult>> PauseAsync(
        long projectId, string batch, ClaimsPrincipal user, ProjectAccess access, IWorkQueue queue, CancellationToken cancellationToken) =>
        SetPausedAsync(projectId, batch, true, user, access, queue, cancellationToken);

    public static Task<Results<NoContent, ProblemHttpResult>> ResumeAsync(
        long projectId, string batch, ClaimsPrincipal user, ProjectAccess access, IWorkQueue queue, CancellationToken cancellationToken) =>
        SetPausedAsync(projectId, batch, false, user, access, queue, cancellationToken);

    private static async Task<Results<NoContent, ProblemHttpResult>> SetPausedAsync(
        long projectId, string batch, bool paused, ClaimsPrincipal user, ProjectAccess access, IWorkQueue queue, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        if (string.IsNullOrWhiteSpace(batch) || batch.Length > 200 || !Core.StoredText.IsValid(batch))
        {
            return Problems.BadRequest("The batch is not valid", "A batch name has 1 to 200 characters, without NUL or unpaired surrogates.");
        }

        await queue.SetBatchPausedAsync(projectId, batch, paused, cancellationToken);
        return TypedResults.NoContent();
    }
}
