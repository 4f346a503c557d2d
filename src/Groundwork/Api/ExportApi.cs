using System.Security.Claims;
using Groundwork.Core.Export;
using Groundwork.Core.Projects;
using Groundwork.Formats.Export;
using Groundwork.Formats.LabelConfigs;
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

        var name = (format ?? "json").ToLowerInvariant();
        if (!ExportFormats.All.Contains(name))
        {
            return Problems.BadRequest("Unknown export format", $"format '{format}' is not supported: use one of {string.Join(", ", ExportFormats.All)}.", new Dictionary<string, object?> { ["field"] = "format" });
        }

        var choice = (annotations ?? "all").ToLowerInvariant();
        if (choice is not ("all" or "consensus" or "consensus_only"))
        {
            return Problems.BadRequest("Unknown annotations choice", $"annotations '{annotations}' is not supported: use all, consensus or consensus_only.", new Dictionary<string, object?> { ["field"] = "annotations" });
        }

        var response = context.Response;
        var tasksRead = source.ReadProjectAsync(projectId, includeRejected ?? false, cancellationToken);
        var read = choice == "all" ? tasksRead : WithConsensus(tasksRead, choice == "consensus_only");
        if (name is not ("json" or "jsonl"))
        {
            var config = LabelConfigParser.Parse(check.Project!.LabelConfig).Config;
            var writer = config is null ? null : ExportFormats.Create(name, config);
            if (writer is null)
            {
                return Problems.BadRequest("Export not possible", $"The project's labeling configuration cannot be exported as {name}.");
            }

            response.ContentType = writer.ContentType;
            response.Headers.ContentDisposition = $"attachment; filename=\"project-{projectId}{writer.FileExtension}\"";
            await writer.WriteStartAsync(response.Body, cancellationToken);
            await foreach (var task in read)
            {
                await writer.WriteTaskAsync(task, cancellationToken);
            }

            await writer.WriteEndAsync(cancellationToken);
            return TypedResults.Empty;
        }

        response.ContentType = name == "json" ? "application/json; charset=utf-8" : "application/x-ndjson; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"project-{projectId}.{name}\"";
        var tasks = read;
        if (name == "json")
        {
            await LabelStudioJsonWriter.WriteAsync(tasks, response.Body, cancellationToken);
        }
        else
        {
            await JsonLinesWriter.WriteAsync(tasks, response.Body, cancellationToken);
        }

        return TypedResults.Empty;
    }

    /// <summary>Each task with its consensus in place of its annotations (an annotation of origin "consensus"); tasks without one keep their annotations, or are left out.</summary>
    private static async IAsyncEnumerable<ExportTask> WithConsensus(IAsyncEnumerable<ExportTask> tasks, bool consensusOnly)
    {
        await foreach (var task in tasks)
        {
            if (task.ConsensusJson is { } consensus)
            {
                yield return task with { Annotations = [new ExportAnnotation(0, 0, consensus, null, "consensus", task.CreatedAt, task.CreatedAt)] };
            }
            else if (!consensusOnly)
            {
                yield return task;
            }
        }
    }
}
