using System.Security.Claims;
using Groundwork.Api.Contracts;
using Groundwork.Core.Events;
using Groundwork.Core.Projects;
using Groundwork.Security;
using Groundwork.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Groundwork.Api;

/// <summary>
/// Webhook subscriptions, their deliveries, and per-task callbacks: project managers and admins only
/// (others get 404 or 403 as <see cref="ProjectAccess"/> decides).
/// </summary>
public static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this IEndpointRouteBuilder routes)
    {
        var project = routes.MapGroup("/api/v1/projects/{projectId:long}").WithTags("Webhooks").RequireAuthorization();
        project.MapPost("/webhooks", CreateAsync).WithName("CreateWebhook").WithSummary("Subscribe a URL to the project's events; the answer shows the signing secret once");
        project.MapGet("/webhooks", ListAsync).WithName("ListWebhooks").WithSummary("List the project's webhook subscriptions");
        project.MapGet("/webhooks/{webhookId:long}", GetAsync).WithName("GetWebhook").WithSummary("Get a webhook subscription");
        project.MapPatch("/webhooks/{webhookId:long}", UpdateAsync).WithName("UpdateWebhook").WithSummary("Change a subscription's URL, events or active flag");
        project.MapDelete("/webhooks/{webhookId:long}", DeleteAsync).WithName("DeleteWebhook").WithSummary("Delete a subscription and its deliveries");
        project.MapPost("/webhooks/{webhookId:long}/rotate-secret", RotateSecretAsync).WithName("RotateWebhookSecret").WithSummary("Replace the signing secret; the answer shows the new one once");
        project.MapPost("/webhooks/{webhookId:long}/ping", PingAsync).WithName("PingWebhook").WithSummary("Queue a signed 'ping' event to the subscription");
        project.MapGet("/webhooks/{webhookId:long}/deliveries", ListDeliveriesAsync).WithName("ListWebhookDeliveries")
            .WithSummary("List the subscription's deliveries with their attempts, newest first");
        project.MapGet("/webhooks/{webhookId:long}/deliveries/{deliveryId:long}", GetDeliveryAsync).WithName("GetWebhookDelivery").WithSummary("Get one delivery with its attempts");
        project.MapPost("/webhooks/{webhookId:long}/deliveries/{deliveryId:long}/redeliver", RedeliverAsync).WithName("RedeliverWebhookDelivery")
            .WithSummary("Queue a delivery again, whatever its state, with a fresh retry window");
        project.MapGet("/callbacks/secret", GetCallbackSecretAsync).WithName("GetCallbackSecret").WithSummary("The secret that signs the project's per-task callbacks");
        project.MapPost("/callbacks/secret/rotate", RotateCallbackSecretAsync).WithName("RotateCallbackSecret").WithSummary("Replace the callback signing secret");
        project.MapGet("/callbacks/deliveries", ListCallbackDeliveriesAsync).WithName("ListCallbackDeliveries").WithSummary("List the project's task-callback deliveries, newest first");
        project.MapPost("/callbacks/deliveries/{deliveryId:long}/redeliver", RedeliverCallbackAsync).WithName("RedeliverCallback").WithSummary("Queue a task callback again");
        return project;
    }

    public static async Task<Results<Created<WebhookResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        long projectId, WebhookRequest request, ClaimsPrincipal user, ProjectAccess access, IWebhookStore webhooks, WebhookSecrets secrets, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var errors = Validate(request, existing: null, out var draft);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The webhook is not valid");
        }

        var (secret, protectedSecret) = secrets.Create();
        var webhook = await webhooks.CreateAsync(projectId, draft!, protectedSecret, user.UserId(), cancellationToken);
        return TypedResults.Created($"/api/v1/projects/{projectId}/webhooks/{webhook.Id}", WebhookResponse.From(webhook, secret));
    }

    public static async Task<Results<Ok<IReadOnlyList<WebhookResponse>>, ProblemHttpResult>> ListAsync(
        long projectId, ClaimsPrincipal user, ProjectAccess access, IWebhookStore webhooks, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var list = await webhooks.ListAsync(projectId, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<WebhookResponse>>(list.Select(w => WebhookResponse.From(w)).ToList());
    }

    public static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> GetAsync(
        long projectId, long webhookId, ClaimsPrincipal user, ProjectAccess access, IWebhookStore webhooks, CancellationToken cancellationToken)
    {
        var (webhook, problem) = await FindAsync(projectId, webhookId, user, access, webhooks, cancellationToken);
        return problem ?? (Results<Ok<WebhookResponse>, ProblemHttpResult>)TypedResults.Ok(WebhookResponse.From(webhook!));
    }

    public static async Task<Results<Ok<WebhookResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long projectId, long webhookId, WebhookRequest request, ClaimsPrincipal user, ProjectAccess access, IWebhookStore webhooks, CancellationToken cancellationToken)
    {
        var (webhook, problem) = await FindAsync(projectId, webhookId, user, access, webhooks, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = Validate(request, webhook, out var draft);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The webhook is not valid");
        }

        var updated = await webhooks.UpdateAsync(projectId, webhookId, draft!, cancellationToken);
        return updated is null ? WebhookNotFound(projectId, webhookId) : TypedResults.Ok(WebhookResponse.From(updated));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long projectId, long webhookId, ClaimsPrincipal user, ProjectAccess access, IWebhookStore webhooks, CancellationToken cancellationToken)
    {
        var (_, problem) = await FindAsync(projectId, webhookId, user, access, webhooks, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return await webhooks.DeleteAsync(projectId, webhookId, cancellationToken) ? TypedResults.NoContent() : WebhookNotFound(projectId, webhookId);
    }

    public static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> RotateSecretAsync(
        long projectId, long webhookId, ClaimsPrincipal user, ProjectAccess access, IWebhookStore webhooks, WebhookSecrets secrets, CancellationToken cancellationToken)
    {
        var (webhook, problem) = await FindAsync(projectId, webhookId, user, access, webhooks, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (secret, protectedSecret) = secrets.Create();
        return await webhooks.SetSecretAsync(projectId, webhookId, protectedSecret, cancellationToken)
            ? TypedResults.Ok(WebhookResponse.From(webhook!, secret))
            : WebhookNotFound(projectId, webhookId);
    }

    public static async Task<Results<Accepted<DeliveryResponse>, ProblemHttpResult>> PingAsync(
        long projectId, long webhookId, ClaimsPrincipal user, ProjectAccess access, IWebhookStore webhooks, CancellationToken cancellationToken)
    {
        var (_, problem) = await FindAsync(projectId, webhookId, user, access, webhooks, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var delivery = await webhooks.PingAsync(projectId, webhookId, cancellationToken);
        return delivery is null
            ? WebhookNotFound(projectId, webhookId)
            : TypedResults.Accepted($"/api/v1/projects/{projectId}/webhooks/{webhookId}/deliveries/{delivery.Id}", DeliveryResponse.From(delivery, []));
    }

    public static async Task<Results<Ok<DeliveryPageResponse>, ValidationProblem, ProblemHttpResult>> ListDeliveriesAsync(
        long projectId, long webhookId, long? cursor, int? limit, ClaimsPrincipal user, ProjectAccess access, IWebhookStore webhooks, CancellationToken cancellationToken)
    {
        var (_, problem) = await FindAsync(projectId, webhookId, user, access, webhooks, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return await PageAsync(projectId, webhookId, cursor, limit, webhooks, cancellationToken);
    }

    public static async Task<Results<Ok<DeliveryResponse>, ProblemHttpResult>> GetDeliveryAsync(
        long projectId, long webhookId, long deliveryId, ClaimsPrincipal user, ProjectAccess access, IWebhookStore webhooks, CancellationToken cancellationToken)
    {
        var (_, problem) = await FindAsync(projectId, webhookId, user, access, webhooks, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var delivery = await webhooks.GetDeliveryAsync(projectId, deliveryId, cancellationToken);
        if (delivery is null || delivery.WebhookId != webhookId)
        {
            return DeliveryNotFound(deliveryId);
        }

        var attempts = await webhooks.ListAttemptsAsync([delivery.Id], cancellationToken);
        return TypedResults.Ok(DeliveryResponse.From(delivery, attempts));
    }

    public static async Task<Results<Ok<DeliveryResponse>, ProblemHttpResult>> RedeliverAsync(
        long projectId, long webhookId, long deliveryId, ClaimsPrincipal user, ProjectAccess access, IWebhookStore webhooks, CancellationToken cancellationToken)
    {
        var (_, problem) = await FindAsync(projectId, webhookId, user, access, webhooks, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var existing = await webhooks.GetDeliveryAsync(projectId, deliveryId, cancellationToken);
        return existing is null || existing.WebhookId != webhookId
            ? DeliveryNotFound(deliveryId)
            : await RequeueAsync(projectId, deliveryId, webhooks, cancellationToken);
    }

    public static async Task<Results<Ok<SecretResponse>, ProblemHttpResult>> GetCallbackSecretAsync(
        long projectId, ClaimsPrincipal user, ProjectAccess access, IWebhookStore webhooks, WebhookSecrets secrets, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var stored = await webhooks.EnsureCallbackSecretAsync(projectId, secrets.Create().Protected, cancellationToken);
        return TypedResults.Ok(new SecretResponse(secrets.Unprotect(stored)));
    }

    public static async Task<Results<Ok<SecretResponse>, ProblemHttpResult>> RotateCallbackSecretAsync(
        long projectId, ClaimsPrincipal user, ProjectAccess access, IWebhookStore webhooks, WebhookSecrets secrets, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var (secret, protectedSecret) = secrets.Create();
        await webhooks.SetCallbackSecretAsync(projectId, protectedSecret, cancellationToken);
        return TypedResults.Ok(new SecretResponse(secret));
    }

    public static async Task<Results<Ok<DeliveryPageResponse>, ValidationProblem, ProblemHttpResult>> ListCallbackDeliveriesAsync(
        long projectId, long? cursor, int? limit, ClaimsPrincipal user, ProjectAccess access, IWebhookStore webhooks, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        return await PageAsync(projectId, null, cursor, limit, webhooks, cancellationToken);
    }

    public static async Task<Results<Ok<DeliveryResponse>, ProblemHttpResult>> RedeliverCallbackAsync(
        long projectId, long deliveryId, ClaimsPrincipal user, ProjectAccess access, IWebhookStore webhooks, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var existing = await webhooks.GetDeliveryAsync(projectId, deliveryId, cancellationToken);
        return existing is null || existing.WebhookId is not null
            ? DeliveryNotFound(deliveryId)
            : await RequeueAsync(projectId, deliveryId, webhooks, cancellationToken);
    }

    private static async Task<Results<Ok<DeliveryResponse>, ProblemHttpResult>> RequeueAsync(long projectId, long deliveryId, IWebhookStore webhooks, CancellationToken cancellationToken)
    {
        var delivery = await webhooks.RedeliverAsync(projectId, deliveryId, cancellationToken);
        if (delivery is null)
        {
            return DeliveryNotFound(deliveryId);
        }

        var attempts = await webhooks.ListAttemptsAsync([delivery.Id], cancellationToken);
        return TypedResults.Ok(DeliveryResponse.From(delivery, attempts));
    }

    private static async Task<Results<Ok<DeliveryPageResponse>, ValidationProblem, ProblemHttpResult>> PageAsync(
        long projectId, long? webhookId, long? cursor, int? limit, IWebhookStore webhooks, CancellationToken cancellationToken)
    {
        var errors = Paging.Check(cursor, limit);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The query is not valid");
        }

        var take = limit ?? 50;
        var deliveries = await webhooks.ListDeliveriesAsync(projectId, webhookId, cursor, take + 1, cancellationToken);
        var page = deliveries.Take(take).ToList();
        var attempts = (await webhooks.ListAttemptsAsync(page.Select(d => d.Id).ToList(), cancellationToken)).ToLookup(a => a.DeliveryId);
        var next = deliveries.Count > take ? page[^1].Id : (long?)null;
        return TypedResults.Ok(new DeliveryPageResponse(page.Select(d => DeliveryResponse.From(d, attempts[d.Id])).ToList(), next));
    }

    private static async Task<(Webhook? Webhook, ProblemHttpResult? Problem)> FindAsync(
        long projectId, long webhookId, ClaimsPrincipal user, ProjectAccess access, IWebhookStore webhooks, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return (null, check.Denied());
        }

        var webhook = await webhooks.GetAsync(projectId, webhookId, cancellationToken);
        return webhook is null ? (null, WebhookNotFound(projectId, webhookId)) : (webhook, null);
    }

    private static ProblemHttpResult WebhookNotFound(long projectId, long webhookId) =>
        Problems.NotFound($"Webhook {webhookId} does not exist in project {projectId}.");

    private static ProblemHttpResult DeliveryNotFound(long deliveryId) =>
        Problems.NotFound($"Delivery {deliveryId} does not exist here.");

    private static Dictionary<string, string[]> Validate(WebhookRequest? request, Webhook? existing, out WebhookDraft? draft)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        draft = null;
        if (request is null)
        {
            errors["body"] = ["send a JSON object with url, events and active"];
            return errors;
        }

        var url = request.Url ?? existing?.Url;
        if (WebhookUrl.Check(url) is { } urlProblem)
        {
            errors["url"] = [$"url {urlProblem}"];
        }

        var events = request.Events ?? existing?.Events ?? EventKinds.All;
        if (events.Count == 0)
        {
            errors["events"] = ["events must name at least one event: " + string.Join(", ", EventKinds.All)];
        }

        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is null || !EventKinds.IsKnown(events[i]))
            {
                errors[$"events[{i}]"] = [$"unknown event '{events[i]}': use {string.Join(", ", EventKinds.All)}"];
            }
        }

        if (errors.Count == 0)
        {
            draft = new WebhookDraft(url!, events.Distinct(StringComparer.Ordinal).ToList(), request.Active ?? existing?.Active ?? true);
        }

        return errors;
    }
}
