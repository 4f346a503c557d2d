using System.Security.Claims;
using Groundwork.Api.Contracts;
using Groundwork.Core.Export;
using Groundwork.Core.Projects;
using Groundwork.Core.Storage;
using Groundwork.Exports;
using Groundwork.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Groundwork.Api;

/// <summary>
/// Background exports: queue one, watch its progress, download the finished file from the blob store, delete it.
/// Project managers and admins only, as for the direct export (others get 404 or 403 as <see cref="ProjectAccess"/> decides).
/// </summary>
public static class ExportJobsApi
{
    public static RouteGroupBuilder MapExportJobsApi(this IEndpointRouteBuilder routes)
    {
        var project = routes.MapGroup("/api/v1/projects/{projectId:long}/exports").WithTags("Export").RequireAuthorization();
        project.MapPost("", CreateAsync).WithName("CreateExportJob").WithSummary("Queue a background export; 202 with the job")
            .WithDescription("Body: {\"format\": ..., \"annotations\": ...} with the values the direct export takes (defaults json and all). The same checks answer 400 before anything is queued.");
        project.MapGet("", ListAsync).WithName("ListExportJobs").WithSummary("The project's export jobs, newest first (cursor, limit 1-1000, default 100)");
        project.MapGet("/{jobId:long}", GetAsync).WithName("GetExportJob").WithSummary("One export job with its state and progress");
        project.MapGet("/{jobId:long}/download", DownloadAsync).WithName("DownloadExportJob").WithSummary("Stream a succeeded job's file (409 until it has succeeded)");
        project.MapDelete("/{jobId:long}", DeleteAsync).WithName("DeleteExportJob").WithSummary("Delete a job and its file; a running job stops");
        return project;
    }

    public static async Task<Results<Accepted<ExportJobResponse>, ProblemHttpResult>> CreateAsync(
        long projectId, ExportJobRequest? request, ClaimsPrincipal user, ProjectAccess access, IExportJobStore jobs, ExportWorker worker, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var plan = ExportPlan.Create(request?.Format, request?.Annotations, check.Project!.LabelConfig, out var error);
        if (plan is null)
        {
            return ExportApi.Problem(error!);
        }

        var job = await jobs.CreateAsync(projectId, plan.Format, plan.Annotations, user.UserId(), cancellationToken);
        worker.Wake();
        return TypedResults.Accepted($"/api/v1/projects/{projectId}/exports/{job.Id}", ExportJobResponse.From(job));
    }

    public static async Task<Results<Ok<ExportJobPageResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        long projectId, long? cursor, int? limit, ClaimsPrincipal user, ProjectAccess access, IExportJobStore jobs, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var take = limit ?? 100;
        var errors = Paging.Check(cursor, take);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The query is not valid");
        }

        var page = await jobs.ListAsync(projectId, cursor, take + 1, cancellationToken);
        var items = page.Take(take).Select(ExportJobResponse.From).ToList();
        return TypedResults.Ok(new ExportJobPageResponse(items, page.Count > take ? items[^1].Id : null));
    }

    public static async Task<Results<Ok<ExportJobResponse>, ProblemHttpResult>> GetAsync(
        long projectId, long jobId, ClaimsPrincipal user, ProjectAccess access, IExportJobStore jobs, CancellationToken cancellationToken)
    {
        var (job, problem) = await FindAsync(projectId, jobId, user, access, jobs, cancellationToken);
        return problem ?? (Results<Ok<ExportJobResponse>, ProblemHttpResult>)TypedResults.Ok(ExportJobResponse.From(job!));
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        long projectId, long jobId, ClaimsPrincipal user, ProjectAccess access, IExportJobStore jobs, IBlobStore blobs, CancellationToken cancellationToken)
    {
        var (job, problem) = await FindAsync(projectId, jobId, user, access, jobs, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (job!.State != ExportJobStates.Succeeded || job.BlobKey is null)
        {
            return Problems.Conflict(job.State == ExportJobStates.Failed
                ? $"Export job {jobId} failed ({job.Error}); there is no file to download."
                : $"Export job {jobId} is {job.State}; its file can be downloaded once it has succeeded.");
        }

        var blob = await blobs.OpenReadAsync(job.BlobKey, cancellationToken);
        if (blob is null)
        {
            return Problems.NotFound($"The file of export job {jobId} is no longer in the blob store.");
        }

        return TypedResults.Stream(
            blob.Stream,
            job.ContentType ?? "application/octet-stream",
            job.FileName,
            job.FinishedAt,
            enableRangeProcessing: blob.Stream.CanSeek);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long projectId, long jobId, ClaimsPrincipal user, ProjectAccess access, IExportJobStore jobs, IBlobStore blobs, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        // The row goes first: a worker still running the job finds its claim gone at its next progress write and
        // removes its own file; a finished job's file is removed here.
        var deleted = await jobs.DeleteAsync(projectId, jobId, cancellationToken);
        if (deleted is null)
        {
            return JobNotFound(projectId, jobId);
        }

        if (deleted.BlobKey is not null)
        {
            await blobs.DeleteAsync(deleted.BlobKey, cancellationToken);
        }

        return TypedResults.NoContent();
    }

    private static async Task<(ExportJob? Job, ProblemHttpResult? Problem)> FindAsync(
        long projectId, long jobId, ClaimsPrincipal user, ProjectAccess access, IExportJobStore jobs, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return (null, check.Denied());
        }

        var job = await jobs.GetAsync(projectId, jobId, cancellationToken);
        return job is null ? (null, JobNotFound(projectId, jobId)) : (job, null);
    }

    private static ProblemHttpResult JobNotFound(long projectId, long jobId) =>
        Problems.NotFound($"Export job {jobId} does not exist in project {projectId}.");
}
