using System.Security.Claims;
using System.Text.Json;
using Groundwork.Api.Contracts;
using Groundwork.Core;
using Groundwork.Core.Annotations;
using Groundwork.Core.Projects;
using Groundwork.Core.Tasks;
using Groundwork.Queue;
using Groundwork.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Groundwork.Api;

/// <summary>Annotations: submit one for a task, list a task's, update or delete one's own.</summary>
public static class AnnotationsApi
{
    public static RouteGroupBuilder MapAnnotationsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/projects/{projectId:long}").WithTags("Annotations").RequireAuthorization();
        group.MapPost("/tasks/{taskId:long}/annotations", CreateAsync).WithName("CreateAnnotation")
            .WithSummary("Submit an annotation for a task")
            .WithDescription("The author is the token's user. Annotators submit under the lease from /next (lease_id, or their live lease on the task is found); reviewers and managers may annotate directly. One annotation per annotator per task; refused with 409 when the task is canceled, its overlap is filled by annotations and others' live leases, or the lease has ended.");
        group.MapGet("/tasks/{taskId:long}/annotations", ListAsync).WithName("ListAnnotations")
            .WithSummary("List a task's annotations (annotators see their own)");
        group.MapPatch("/annotations/{annotationId:long}", UpdateAsync).WithName("UpdateAnnotation").WithSummary("Update your annotation");
        group.MapDelete("/annotations/{annotationId:long}", DeleteAsync).WithName("DeleteAnnotation").WithSummary("Delete your annotation");
        return group;
    }

    public static async Task<Results<Created<AnnotationResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        long projectId, long taskId, AnnotationRequest request, ClaimsPrincipal user, ProjectAccess access, IAnnotationStore annotations, ITaskStore tasks, AnnotationResultCheck resultCheck, QueueMetrics metrics, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Annotator, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var errors = Validate(request, out var draft);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The annotation is not valid");
        }

        var task = await tasks.GetAsync(projectId, taskId, cancellationToken);
        if (task is null)
        {
            return Problems.NotFound($"Task {taskId} does not exist in project {projectId}.");
        }

        var resultErrors = resultCheck.Check(check.Project!.LabelConfig, draft!.ResultJson, task.DataJson);
        if (resultErrors.Count > 0)
        {
            return TypedResults.ValidationProblem(resultErrors, title: "The result does not fit the project's labeling configuration");
        }

        // Annotators work only on tasks the queue leased to them; reviewers, managers and admins may annotate directly.
        var leaseRequired = check.Role == ProjectRole.Annotator && !user.IsAdmin();
        var submission = new AnnotationSubmission(request.LeaseId, leaseRequired);
        var outcome = await annotations.CreateAsync(projectId, taskId, user.UserId(), draft!, submission, cancellationToken);
        if (outcome.Succeeded)
        {
            metrics.AnnotationCreated();
        }

        return outcome.Succeeded
            ? TypedResults.Created($"/api/v1/projects/{projectId}/annotations/{outcome.Value!.Id}", AnnotationResponse.From(outcome.Value))
            : Problems.From(outcome);
    }

    public static async Task<Results<Ok<IReadOnlyList<AnnotationResponse>>, ProblemHttpResult>> ListAsync(
        long projectId, long taskId, ClaimsPrincipal user, ProjectAccess access, IAnnotationStore annotations, ITaskStore tasks, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Annotator, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        if (await tasks.GetAsync(projectId, taskId, cancellationToken) is null)
        {
            return Problems.NotFound($"Task {taskId} does not exist in project {projectId}.");
        }

        var list = await annotations.ListForTaskAsync(projectId, taskId, cancellationToken);
        var userId = user.UserId();
        var visible = check.Role >= ProjectRole.Reviewer ? list : list.Where(a => a.AuthorId == userId);
        return TypedResults.Ok<IReadOnlyList<AnnotationResponse>>(visible.Select(AnnotationResponse.From).ToList());
    }

    public static async Task<Results<Ok<AnnotationResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long projectId, long annotationId, AnnotationRequest request, ClaimsPrincipal user, ProjectAccess access, IAnnotationStore annotations, ITaskStore tasks, IProjectStore projects, AnnotationResultCheck resultCheck, CancellationToken cancellationToken)
    {
        var owned = await FindOwnAsync(projectId, annotationId, user, access, annotations, cancellationToken);
        if (owned.Problem is not null)
        {
            return owned.Problem;
        }

        var errors = Validate(request, out var draft);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The annotation is not valid");
        }

        var project = await projects.GetAsync(projectId, cancellationToken);
        var task = await tasks.GetAsync(projectId, owned.Annotation!.TaskId, cancellationToken);
        var resultErrors = resultCheck.Check(project!.LabelConfig, draft!.ResultJson, task?.DataJson);
        if (resultErrors.Count > 0)
        {
            return TypedResults.ValidationProblem(resultErrors, title: "The result does not fit the project's labeling configuration");
        }

        var outcome = await annotations.UpdateAsync(projectId, annotationId, draft!, cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(AnnotationResponse.From(outcome.Value!)) : Problems.From(outcome);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long projectId, long annotationId, ClaimsPrincipal user, ProjectAccess access, IAnnotationStore annotations, CancellationToken cancellationToken)
    {
        var owned = await FindOwnAsync(projectId, annotationId, user, access, annotations, cancellationToken);
        if (owned.Problem is not null)
        {
            return owned.Problem;
        }

        var outcome = await annotations.DeleteAsync(projectId, annotationId, cancellationToken);
        return outcome.Succeeded ? TypedResults.NoContent() : Problems.From(outcome);
    }

    private static async Task<(Annotation? Annotation, ProblemHttpResult? Problem)> FindOwnAsync(
        long projectId, long annotationId, ClaimsPrincipal user, ProjectAccess access, IAnnotationStore annotations, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Annotator, cancellationToken);
        if (!check.Granted)
        {
            return (null, check.Denied());
        }

        var annotation = await annotations.GetAsync(projectId, annotationId, cancellationToken);
        var userId = user.UserId();
        if (annotation is null || (annotation.AuthorId != userId && check.Role < ProjectRole.Reviewer))
        {
            return (null, Problems.NotFound($"Annotation {annotationId} does not exist in project {projectId}."));
        }

        if (annotation.AuthorId != userId && !user.IsAdmin())
        {
            return (null, Problems.Forbidden("Only the annotation's author may change it."));
        }

        return (annotation, null);
    }

    internal static Dictionary<string, string[]> Validate(AnnotationRequest? request, out AnnotationDraft? draft)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        draft = null;
        if (request?.Result is not { } result)
        {
            errors["result"] = ["result is required: the Label Studio result array"];
            return errors;
        }

        if (StoredText.JsonHasInvalidEscape(result.Text))
        {
            errors["result"] = [$"result {StoredText.Rule}"];
            return errors;
        }

        using (var document = JsonDocument.Parse(result.Text))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                errors["result"] = [$"result must be an array of regions, not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}"];
            }
            else
            {
                var index = 0;
                foreach (var region in document.RootElement.EnumerateArray())
                {
                    if (region.ValueKind != JsonValueKind.Object)
                    {
                        errors[$"result[{index}]"] = ["each region must be an object"];
                    }

                    index++;
                }
            }
        }

        if (request.LeadTime is { } leadTime && (double.IsNaN(leadTime) || double.IsInfinity(leadTime) || leadTime < 0))
        {
            errors["lead_time"] = ["lead_time must be a non-negative number of seconds"];
        }

        if (errors.Count == 0)
        {
            draft = new AnnotationDraft(result.Text, request.LeadTime);
        }

        return errors;
    }
}
