using System.Security.Claims;
using Groundwork.Api.Contracts;
using Groundwork.Core;
using Groundwork.Core.Annotations;
using Groundwork.Core.Projects;
using Groundwork.Core.Quality;
using Groundwork.Core.Reviews;
using Groundwork.Core.Tasks;
using Groundwork.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Groundwork.Api;

/// <summary>
/// Review: the review queue (reviewers and managers take the next annotation under a review lease), decisions
/// (accepted, rejected with a comment, fixed with a corrected result), and the list of decisions (annotators see
/// only those on their own annotations).
/// </summary>
public static class ReviewsApi
{
    public const int MaxCommentLength = 2000;

    public static RouteGroupBuilder MapReviewsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/projects/{projectId:long}").WithTags("Review").RequireAuthorization();
        group.MapPost("/review/next", NextAsync).WithName("NextReview")
            .WithSummary("Take the next annotation to review under a review lease")
            .WithDescription("Reviewers and managers. Follows the project's review_policy (none: nothing; all; uncertain: completed tasks whose consensus confidence is below review_threshold) and review_sample_rate. Never your own annotation, never one already reviewed, never one another reviewer holds; a reviewer holding one gets it again with its lease renewed. 204 when there is nothing to review.");
        group.MapGet("/review/summary", SummaryAsync).WithName("ReviewSummary")
            .WithSummary("The review policy, annotations waiting for review and the decisions so far");
        group.MapPost("/annotations/{annotationId:long}/reviews", DecideAsync).WithName("ReviewAnnotation")
            .WithSummary("Decide on an annotation: accepted, rejected (comment required) or fixed (result required)")
            .WithDescription("Reviewers and managers, on any annotation of an ordinary task but their own, once. A rejection takes the annotation out of the task's overlap and sends the task back to the queue for another annotator; a fix becomes the accepted answer (the original is kept). Stored, audited and emitted as review.decided.");
        group.MapGet("/reviews", ListAsync).WithName("ListReviews")
            .WithSummary("Review decisions, filtered by task_id, annotation_id, annotator_id, reviewer_id or decision (annotators see those on their own annotations)");
        return group;
    }

    public static async Task<Results<Ok<ReviewItemResponse>, NoContent, ProblemHttpResult>> NextAsync(
        long projectId, ClaimsPrincipal user, ProjectAccess access, IReviewStore reviews, IAnnotationStore annotations, IConsensusStore consensus, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Reviewer, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var item = await reviews.NextAsync(projectId, user.UserId(), cancellationToken);
        if (item is null)
        {
            return TypedResults.NoContent();
        }

        var all = await annotations.ListForTaskAsync(projectId, item.Task.Id, cancellationToken);
        var found = await consensus.GetAsync(projectId, item.Task.Id, cancellationToken);
        return TypedResults.Ok(new ReviewItemResponse(
            AnnotationResponse.From(item.Annotation),
            TaskResponse.From(item.Task),
            item.ExpiresAt,
            found is null ? null : ConsensusResponse.From(found),
            all.Where(a => a.Id != item.Annotation.Id).Select(AnnotationResponse.From).ToList()));
    }

    public static async Task<Results<Ok<ReviewSummaryResponse>, ProblemHttpResult>> SummaryAsync(
        long projectId, ClaimsPrincipal user, ProjectAccess access, IReviewStore reviews, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Reviewer, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var summary = await reviews.SummaryAsync(projectId, cancellationToken);
        return summary is null ? ProjectAccessResult.NotFound(projectId).Denied() : TypedResults.Ok(ReviewSummaryResponse.From(summary));
    }

    public static async Task<Results<Created<ReviewResponse>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        long projectId,
        long annotationId,
        ReviewRequest request,
        ClaimsPrincipal user,
        ProjectAccess access,
        IReviewStore reviews,
        IAnnotationStore annotations,
        ITaskStore tasks,
        AnnotationResultCheck resultCheck,
        CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Reviewer, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var errors = Validate(request, out var draft);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The review decision is not valid");
        }

        if (draft!.Decision == ReviewDecision.Fixed)
        {
            // The fix is checked like any result: against the labeling configuration and the task's data.
            var annotation = await annotations.GetAsync(projectId, annotationId, cancellationToken);
            var task = annotation is null ? null : await tasks.GetAsync(projectId, annotation.TaskId, cancellationToken);
            if (annotation is null || task is null)
            {
                return Problems.NotFound($"Annotation {annotationId} does not exist in project {projectId}.");
            }

            var resultErrors = resultCheck.Check(check.Project!.LabelConfig, draft.ResultJson!, task.DataJson);
            if (resultErrors.Count > 0)
            {
                return TypedResults.ValidationProblem(resultErrors, title: "The fixed result does not fit the project's labeling configuration");
            }
        }

        var outcome = await reviews.DecideAsync(projectId, annotationId, user.UserId(), draft, cancellationToken);
        if (!outcome.Succeeded)
        {
            return Problems.From(outcome);
        }

        var decided = outcome.Value!;
        return TypedResults.Created(
            $"/api/v1/projects/{projectId}/reviews?annotation_id={annotationId}",
            ReviewResponse.From(decided.Review, decided.TaskStatus.ToName()));
    }

    public static async Task<Results<Ok<ReviewPageResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        long projectId,
        [FromQuery(Name = "task_id")] long? taskId,
        [FromQuery(Name = "annotation_id")] long? annotationId,
        [FromQuery(Name = "annotator_id")] long? annotatorId,
        [FromQuery(Name = "reviewer_id")] long? reviewerId,
        string? decision,
        long? cursor,
        int? limit,
        ClaimsPrincipal user,
        ProjectAccess access,
        IReviewStore reviews,
        CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Annotator, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var errors = Paging.Check(cursor, limit);
        ReviewDecision? wanted = null;
        if (decision is not null)
        {
            if (ReviewDecisionNames.TryParse(decision.Trim().ToLowerInvariant(), out var parsed))
            {
                wanted = parsed;
            }
            else
            {
                errors["decision"] = [$"unknown decision '{decision}': use one of {string.Join(", ", ReviewDecisionNames.All)}"];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The query is not valid");
        }

        // Annotators see the decisions on their own annotations and nothing of others'.
        var userId = user.UserId();
        if (check.Role < ProjectRole.Reviewer)
        {
            if (annotatorId is { } asked && asked != userId)
            {
                return TypedResults.Ok(new ReviewPageResponse([], null));
            }

            annotatorId = userId;
        }

        var size = limit ?? 100;
        var items = await reviews.ListAsync(projectId, new ReviewQuery(taskId, annotationId, annotatorId, reviewerId, wanted, cursor ?? 0, size), cancellationToken);
        return TypedResults.Ok(new ReviewPageResponse(items.Select(r => ReviewResponse.From(r)).ToList(), items.Count == size ? items[^1].Id : null));
    }

    private static Dictionary<string, string[]> Validate(ReviewRequest? request, out ReviewDraft? draft)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        draft = null;
        if (request is null)
        {
            errors["body"] = ["a JSON object with decision (accepted, rejected or fixed) is required"];
            return errors;
        }

        var decisionName = request.Decision?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(decisionName))
        {
            errors["decision"] = [$"decision is required: one of {string.Join(", ", ReviewDecisionNames.All)}"];
        }
        else if (!ReviewDecisionNames.TryParse(decisionName, out _))
        {
            errors["decision"] = [$"unknown decision '{request.Decision}': use one of {string.Join(", ", ReviewDecisionNames.All)}"];
        }

        var decided = ReviewDecisionNames.TryParse(decisionName, out var decision);
        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        if (comment is not null && comment.Length > MaxCommentLength)
        {
            errors["comment"] = [$"comment must have at most {MaxCommentLength} characters"];
        }
        else if (!StoredText.IsValid(comment))
        {
            errors["comment"] = [$"comment {StoredText.Rule}"];
        }
        else if (decided && decision == ReviewDecision.Rejected && comment is null)
        {
            errors["comment"] = ["a rejection needs a comment: tell the annotator what was wrong"];
        }

        string? resultJson = null;
        if (decided && decision == ReviewDecision.Fixed)
        {
            if (request.Result is null)
            {
                errors["result"] = ["a fix needs result: the corrected Label Studio result array"];
            }
            else
            {
                var resultErrors = AnnotationsApi.Validate(new AnnotationRequest(request.Result, null), out var checkedDraft);
                foreach (var (field, messages) in resultErrors)
                {
                    errors[field] = messages;
                }

                resultJson = checkedDraft?.ResultJson;
            }
        }
        else if (decided && request.Result is not null)
        {
            errors["result"] = [$"result is given only with decision fixed, not {decisionName}"];
        }

        if (errors.Count == 0)
        {
            draft = new ReviewDraft(decision, comment, resultJson);
        }

        return errors;
    }
}
