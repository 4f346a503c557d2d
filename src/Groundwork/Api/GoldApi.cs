using System.Security.Claims;
using System.Text.Json;
using Groundwork.Api.Contracts;
using Groundwork.Core.Projects;
using Groundwork.Core.Queue;
using Groundwork.Core.Tasks;
using Groundwork.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Groundwork.Api;

/// <summary>
/// Gold questions and qualification tasks: managers mark tasks with their known answer and read each
/// annotator's score. No route shows a known answer to anyone below manager.
/// </summary>
public static class GoldApi
{
    public static RouteGroupBuilder MapGoldApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/projects/{projectId:long}").WithTags("Gold").RequireAuthorization();
        group.MapPut("/tasks/{taskId:long}/gold", SetAsync).WithName("SetGold")
            .WithSummary("Make a task gold (or qualification) with its known answer");
        group.MapGet("/tasks/{taskId:long}/gold", GetAsync).WithName("GetGold").WithSummary("A task's gold kind and known answer");
        group.MapDelete("/tasks/{taskId:long}/gold", ClearAsync).WithName("ClearGold").WithSummary("Make a gold task ordinary again");
        group.MapGet("/gold/scores", ScoresAsync).WithName("GoldScores").WithSummary("Each annotator's accuracy on gold, overall and per label");
        return group;
    }

    public static async Task<Results<Ok<GoldResponse>, ValidationProblem, ProblemHttpResult>> SetAsync(
        long projectId, long taskId, GoldRequest? request, ClaimsPrincipal user, ProjectAccess access, ITaskStore tasks, IGoldStore gold, AnnotationResultCheck resultCheck, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var kind = request?.Kind?.Trim().ToLowerInvariant() switch
        {
            null or "" or "gold" => GoldKind.Gold,
            "qualification" => GoldKind.Qualification,
            _ => (GoldKind?)null,
        };
        if (kind is null)
        {
            errors["kind"] = [$"kind must be gold or qualification, not '{request!.Kind}'"];
        }

        if (request?.Result is not { } result)
        {
            errors["result"] = ["result is required: the known answer as a Label Studio result array"];
        }
        else
        {
            using var document = JsonDocument.Parse(result.Text);
            if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() == 0)
            {
                errors["result"] = ["result must be a non-empty array of regions"];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The gold answer is not valid");
        }

        var task = await tasks.GetAsync(projectId, taskId, cancellationToken);
        if (task is null)
        {
            return Problems.NotFound($"Task {taskId} does not exist in project {projectId}.");
        }

        var resultErrors = resultCheck.Check(check.Project!.LabelConfig, request!.Result!.Value.Text, task.DataJson);
        if (resultErrors.Count > 0)
        {
            return TypedResults.ValidationProblem(resultErrors, title: "The gold answer does not fit the project's labeling configuration");
        }

        var outcome = await gold.SetGoldAsync(projectId, taskId, kind!.Value, request.Result.Value.Text, cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(new GoldResponse(taskId, Name(kind.Value), request.Result)) : Problems.From(outcome);
    }

    public static async Task<Results<Ok<GoldResponse>, ProblemHttpResult>> GetAsync(
        long projectId, long taskId, ClaimsPrincipal user, ProjectAccess access, IGoldStore gold, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var found = await gold.GetGoldAsync(projectId, taskId, cancellationToken);
        return found is { } g
            ? TypedResults.Ok(new GoldResponse(taskId, Name(g.Kind), RawJson.From(g.GroundTruthJson)))
            : Problems.NotFound($"Task {taskId} does not exist in project {projectId}.");
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ClearAsync(
        long projectId, long taskId, ClaimsPrincipal user, ProjectAccess access, IGoldStore gold, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var outcome = await gold.SetGoldAsync(projectId, taskId, GoldKind.None, null, cancellationToken);
        return outcome.Succeeded ? TypedResults.NoContent() : Problems.From(outcome);
    }

    public static async Task<Results<Ok<IReadOnlyList<GoldScoreResponse>>, ProblemHttpResult>> ScoresAsync(
        long projectId, ClaimsPrincipal user, ProjectAccess access, IGoldStore gold, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var scores = await gold.ScoresAsync(projectId, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<GoldScoreResponse>>(scores.Select(GoldScoreResponse.From).ToList());
    }

    private static string Name(GoldKind kind) => kind switch
    {
        GoldKind.Gold => "gold",
        GoldKind.Qualification => "qualification",
        _ => "none",
    };
}
