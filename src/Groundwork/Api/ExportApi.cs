using System.Security.Claims;
using Groundwork.Core.Export;
using Groundwork.Core.Projects;
using Groundwork.Exports;
using Groundwork.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Groundwork.Api;

/// <summary>Streams a project's tasks with their annotations; nothing is built in memory.</summary>
public static class ExportApi
{
    public static RouteHandlerBuilder MapExportApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/v1/projects/{projectId:long}/export", ExportAsync)
            .WithTags("Export")
            .RequireAuthorization()
            .WithName("ExportProject")
            .WithSummary("Export every task with its annotations")
            .WithDescription("format=json (Label Studio JSON array, the default), jsonl, csv, json_min, coco, yolo (zip), voc (zip), conll2003, sft or preference (JSONL for LLM training), parquet (one row per task). annotations=all (default), consensus (the quality engine's result in place of the annotations where a task has one) or consensus_only (only tasks with a consensus). Annotations a review rejected are left out unless include_rejected=true; a fixed annotation carries the reviewer's fix as its result (review_state says which). The response is streamed.");

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> ExportAsync(
        long projectId, string? format, string? annotations, [FromQuery(Name = "include_rejected")] bool? includeRejected, HttpContext context, ClaimsPrincipal user, ProjectAccess access, IExportSource source, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var plan = ExportPlan.Create(format, annotations, check.Project!.LabelConfig, out var error);
        if (plan is null)
        {
            return Problem(error!);
        }

        var response = context.Response;
        response.ContentType = plan.ContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"project-{projectId}{plan.FileExtension}\"";
        await (plan with { IncludeRejected = includeRejected ?? false }).WriteAsync(source, projectId, response.Body, null, cancellationToken);
        return TypedResults.Empty;
    }

    /// <summary>The 400 problem for an export that cannot be made as asked (shared with the export jobs).</summary>
    internal static ProblemHttpResult Problem(ExportPlanError error) =>
        Problems.BadRequest(error.Title, error.Detail, error.Field is null ? null : new Dictionary<string, object?> { ["field"] = error.Field });
}
