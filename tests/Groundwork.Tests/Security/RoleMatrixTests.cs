using System.Net;
using Groundwork.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Groundwork.Tests.Queue.QueueTestKit;

namespace Groundwork.Tests.Security;

/// <summary>
/// Every API route the server maps, against every kind of caller: nobody (401), a user outside the project and
/// another project's manager (404, so the project's existence does not leak), and each project role (403 below the
/// route's minimum role, never 401/403/404 at or above it). A route missing from <see cref="MinimumRole"/> fails the
/// test, so a new route cannot ship without being classified here.
/// </summary>
public sealed class RoleMatrixTests
{
    private enum Caller
    {
        Outsider,
        OtherProjectManager,
        Annotator,
        Reviewer,
        Manager,
        Admin,
    }

    /// <summary>The lowest project role each project route needs; <see cref="Caller.Admin"/> means organisation admins only.</summary>
    private static readonly Dictionary<string, Caller> MinimumRole = new(StringComparer.Ordinal)
    {
        ["GET /api/v1/projects/{projectId}"] = Caller.Annotator,
        ["PATCH /api/v1/projects/{projectId}"] = Caller.Manager,
        ["DELETE /api/v1/projects/{projectId}"] = Caller.Manager,
        ["POST /api/v1/projects/{projectId}/import"] = Caller.Manager,
        ["GET /api/v1/projects/{projectId}/export"] = Caller.Manager,
        ["GET /api/v1/projects/{projectId}/media/{*name}"] = Caller.Annotator,
        ["POST /api/v1/projects/{projectId}/exports"] = Caller.Manager,
        ["GET /api/v1/projects/{projectId}/exports"] = Caller.Manager,
        ["GET /api/v1/projects/{projectId}/exports/{jobId}"] = Caller.Manager,
        ["GET /api/v1/projects/{projectId}/exports/{jobId}/download"] = Caller.Manager,
        ["DELETE /api/v1/projects/{projectId}/exports/{jobId}"] = Caller.Manager,
        ["GET /api/v1/projects/{projectId}/tasks"] = Caller.Reviewer,
        ["GET /api/v1/projects/{projectId}/tasks/{taskId}"] = Caller.Annotator,
        ["PATCH /api/v1/projects/{projectId}/tasks/{taskId}"] = Caller.Manager,
        ["POST /api/v1/projects/{projectId}/tasks/{taskId}/cancel"] = Caller.Manager,
        ["POST /api/v1/projects/{projectId}/tasks/{taskId}/annotations"] = Caller.Annotator,
        ["GET /api/v1/projects/{projectId}/tasks/{taskId}/annotations"] = Caller.Annotator,
        ["PATCH /api/v1/projects/{projectId}/annotations/{annotationId}"] = Caller.Annotator,
        ["DELETE /api/v1/projects/{projectId}/annotations/{annotationId}"] = Caller.Annotator,
        ["POST /api/v1/projects/{projectId}/next"] = Caller.Annotator,
        ["POST /api/v1/projects/{projectId}/leases/{leaseId}/heartbeat"] = Caller.Annotator,
        ["POST /api/v1/projects/{projectId}/leases/{leaseId}/skip"] = Caller.Annotator,
        ["GET /api/v1/projects/{projectId}/members"] = Caller.Manager,
        ["PUT /api/v1/projects/{projectId}/members/{userId}"] = Caller.Manager,
        ["DELETE /api/v1/projects/{projectId}/members/{userId}"] = Caller.Manager,
        ["POST /api/v1/projects/{projectId}/members/{userId}/reinstate"] = Caller.Manager,
        ["PUT /api/v1/projects/{projectId}/tasks/{taskId}/gold"] = Caller.Manager,
        ["GET /api/v1/projects/{projectId}/tasks/{taskId}/gold"] = Caller.Manager,
        ["DELETE /api/v1/projects/{projectId}/tasks/{taskId}/gold"] = Caller.Manager,
        ["GET /api/v1/projects/{projectId}/gold/scores"] = Caller.Manager,
        ["GET /api/v1/projects/{projectId}/progress"] = Caller.Manager,
        ["GET /api/v1/projects/{projectId}/stats"] = Caller.Manager,
        ["GET /api/v1/projects/{projectId}/batches"] = Caller.Manager,
        ["POST /api/v1/projects/{projectId}/batches/{batch}/pause"] = Caller.Manager,
        ["POST /api/v1/projects/{projectId}/batches/{batch}/resume"] = Caller.Manager,
        ["GET /api/v1/projects/{projectId}/consensus"] = Caller.Reviewer,
        ["GET /api/v1/projects/{projectId}/tasks/{taskId}/consensus"] = Caller.Reviewer,
        ["GET /api/v1/projects/{projectId}/skills"] = Caller.Manager,
        ["POST /api/v1/projects/{projectId}/review/next"] = Caller.Reviewer,
        ["GET /api/v1/projects/{projectId}/review/summary"] = Caller.Reviewer,
        ["POST /api/v1/projects/{projectId}/annotations/{annotationId}/reviews"] = Caller.Reviewer,
        ["GET /api/v1/projects/{projectId}/reviews"] = Caller.Annotator,
        ["POST /api/v1/projects/{projectId}/webhooks"] = Caller.Manager,
        ["GET /api/v1/projects/{projectId}/webhooks"] = Caller.Manager,
        ["GET /api/v1/projects/{projectId}/webhooks/{webhookId}"] = Caller.Manager,
        ["PATCH /api/v1/projects/{projectId}/webhooks/{webhookId}"] = Caller.Manager,
        ["DELETE /api/v1/projects/{projectId}/webhooks/{webhookId}"] = Caller.Manager,
        ["POST /api/v1/projects/{projectId}/webhooks/{webhookId}/rotate-secret"] = Caller.Manager,
        ["POST /api/v1/projects/{projectId}/webhooks/{webhookId}/ping"] = Caller.Manager,
        ["GET /api/v1/projects/{projectId}/webhooks/{webhookId}/deliveries"] = Caller.Manager,
        ["GET /api/v1/projects/{projectId}/webhooks/{webhookId}/deliveries/{deliveryId}"] = Caller.Manager,
        ["POST /api/v1/projects/{projectId}/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver"] = Caller.Manager,
        ["GET /api/v1/projects/{projectId}/callbacks/secret"] = Caller.Manager,
        ["POST /api/v1/projects/{projectId}/callbacks/secret/rotate"] = Caller.Manager,
        ["GET /api/v1/projects/{projectId}/callbacks/deliveries"] = Caller.Manager,
        ["POST /api/v1/projects/{projectId}/callbacks/deliveries/{deliveryId}/redeliver"] = Caller.Manager,
        ["GET /api/v1/projects/{projectId}/audit"] = Caller.Manager,
    };

    /// <summary>Routes outside any project: any signed-in user (or only admins, where marked).</summary>
    private static readonly Dictionary<string, Caller> GlobalRoutes = new(StringComparer.Ordinal)
    {
        ["GET /api/v1/projects"] = Caller.Outsider,
        ["POST /api/v1/projects"] = Caller.Outsider,
        ["POST /api/v1/label-configs/validate"] = Caller.Outsider,
        ["GET /api/v1/audit"] = Caller.Admin,
        ["GET /api/v1/me"] = Caller.Outsider,
        ["PATCH /api/v1/me"] = Caller.Outsider,
        ["GET /api/v1/me/tokens"] = Caller.Outsider,
        ["POST /api/v1/me/tokens"] = Caller.Outsider,
        ["DELETE /api/v1/me/tokens/{tokenId}"] = Caller.Outsider,
        ["GET /api/v1/users"] = Caller.Admin,
        ["POST /api/v1/users"] = Caller.Admin,
        ["GET /api/v1/users/{userId}"] = Caller.Admin,
        ["PATCH /api/v1/users/{userId}"] = Caller.Admin,
    };

    /// <summary>
    /// Routes open without a token: signing in and out, and asking whether a session exists. The demo sign-in is mapped
    /// only with --demo (this test's server has none; DemoModeTests checks it exists only then).
    /// </summary>
    private static readonly HashSet<string> AnonymousRoutes = new(StringComparer.Ordinal)
    {
        "POST /api/v1/auth/sign-in",
        "POST /api/v1/auth/demo",
        "POST /api/v1/auth/sign-out",
        "GET /api/v1/auth/session",
    };

    [Fact]
    public async Task EveryRoute_AgainstEveryCaller_DeniesWithoutLeakingAndAllowsTheRightRoles()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var fixture = await Fixture.CreateAsync(app);
        var routes = ApiRoutes(app);
        var unclassified = routes.Where(r => !MinimumRole.ContainsKey(r) && !GlobalRoutes.ContainsKey(r) && !AnonymousRoutes.Contains(r)).ToList();
        Assert.True(unclassified.Count == 0, "classify these routes in RoleMatrixTests: " + string.Join(", ", unclassified));

        var failures = new List<string>();
        using var anonymous = app.CreateClient(null);
        foreach (var route in routes.Where(r => !AnonymousRoutes.Contains(r)))
        {
            var (method, pattern) = Split(route);
            var url = fixture.Fill(pattern);
            var status = await SendAsync(anonymous, method, url);
            if (status != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{route} without a token: {(int)status}, expected 401");
            }

            if (GlobalRoutes.TryGetValue(route, out var global))
            {
                if (global == Caller.Admin)
                {
                    Expect(failures, route, Caller.Manager, await SendAsync(fixture.Clients[Caller.Manager], method, url), HttpStatusCode.Forbidden);
                }

                continue;
            }

            var minimum = MinimumRole[route];
            foreach (var caller in new[] { Caller.Outsider, Caller.OtherProjectManager })
            {
                Expect(failures, route, caller, await SendAsync(fixture.Clients[caller], method, url), HttpStatusCode.NotFound);
            }

            foreach (var caller in new[] { Caller.Annotator, Caller.Reviewer, Caller.Manager })
            {
                if (caller < minimum)
                {
                    Expect(failures, route, caller, await SendAsync(fixture.Clients[caller], method, url), HttpStatusCode.Forbidden);
                }
            }

            // Allowed roles: only the reads are replayed here (the writes are exercised by their own tests); they must not be denied.
            if (method == "GET")
            {
                foreach (var caller in new[] { Caller.Annotator, Caller.Reviewer, Caller.Manager, Caller.Admin }.Where(c => c >= minimum))
                {
                    var allowed = await SendAsync(fixture.Clients[caller], method, url);
                    if (allowed is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound || (int)allowed >= 500)
                    {
                        failures.Add($"{route} as {caller}: {(int)allowed}, expected to be allowed");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Annotator_CannotReachGoldAnswersScoresOrOtherAnnotatorsWork()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var fixture = await Fixture.CreateAsync(app);
        var annotator = fixture.Clients[Caller.Annotator];
        var (_, colleague) = await AnnotatorAsync(app, fixture.ProjectId, "colleague@example.com");
        var leased = (await colleague.NextAsync(fixture.ProjectId))!;
        await (await SubmitAsync(colleague, fixture.ProjectId, leased, Choice("b"))).ExpectAsync(HttpStatusCode.Created);

        var unleasedTask = await annotator.GetAsync($"/api/v1/projects/{fixture.ProjectId}/tasks/{fixture.UnleasedTaskId}");
        var othersAnnotations = await annotator.GetAsync($"/api/v1/projects/{fixture.ProjectId}/tasks/{fixture.TaskId}/annotations");
        var gold = await annotator.GetAsync($"/api/v1/projects/{fixture.ProjectId}/tasks/{fixture.TaskId}/gold");
        var scores = await annotator.GetAsync($"/api/v1/projects/{fixture.ProjectId}/gold/scores");
        var export = await annotator.GetAsync($"/api/v1/projects/{fixture.ProjectId}/export");

        await unleasedTask.ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(fixture.TaskId, TaskId(leased));
        var visible = (await othersAnnotations.JsonAsync()).AsArray();
        Assert.Equal(fixture.AnnotatorId, Assert.Single(visible)!["completed_by"]!.GetValue<long>());
        await gold.ExpectProblemAsync(HttpStatusCode.Forbidden);
        await scores.ExpectProblemAsync(HttpStatusCode.Forbidden);
        await export.ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    private static void Expect(List<string> failures, string route, Caller caller, HttpStatusCode actual, HttpStatusCode expected)
    {
        if (actual != expected)
        {
            failures.Add($"{route} as {caller}: {(int)actual}, expected {(int)expected}");
        }
    }

    private static List<string> ApiRoutes(TestApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => $"{m} {Normalize(e.RoutePattern.RawText!)}"))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Route patterns without constraints and trailing slashes: <c>/api/v1/projects/{projectId:long}/</c> → <c>/api/v1/projects/{projectId}</c>.</summary>
    private static string Normalize(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{([A-Za-z]+):[^}]+\}", "{$1}").TrimEnd('/');

    private static (string Method, string Pattern) Split(string route)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        return (route[..space], route[(space + 1)..]);
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method != "GET" && method != "DELETE")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Two projects, a user for each kind of caller, and a task, an annotation and a lease to point routes at.</summary>
    private sealed class Fixture
    {
        public required long ProjectId { get; init; }

        public required long TaskId { get; init; }

        public required long AnnotationId { get; init; }

        public required long LeaseId { get; init; }

        public required long AnnotatorId { get; init; }

        public required long UnleasedTaskId { get; init; }

        public required long WebhookId { get; init; }

        public required long DeliveryId { get; init; }

        public required long ExportJobId { get; init; }

        public required Dictionary<Caller, HttpClient> Clients { get; init; }

        public static async Task<Fixture> CreateAsync(TestApp app)
        {
            var projectId = await CreateProjectAsync(app, overlap: 3);
            var otherProject = await CreateProjectAsync(app);
            // The first task stands for an imported media file (its unique_id is the content hash the media route checks),
            // and is the one the annotator is leased first, so the annotator may fetch its media.
            var ids = await ImportAsync(app, projectId, 3, i => i == 0
                ? $$$"""{"data":{"text":"t{{{i}}}"},"batch":"b","unique_id":"sha256:{{{MediaHash}}}"}"""
                : $$$"""{"data":{"text":"t{{{i}}}"},"batch":"b"}""");
            await app.Services.GetRequiredService<Groundwork.Core.Storage.IBlobStore>().PutAsync(
                Groundwork.Core.Storage.MediaKeys.BlobKey(projectId, MediaName), new MemoryStream([0x89, 0x50, 0x4E, 0x47]), "image/png", CancellationToken.None);
            var (annotatorId, annotator) = await AnnotatorAsync(app, projectId, "annotator@example.com");
            var (_, reviewer) = await AnnotatorAsync(app, projectId, "reviewer@example.com", "reviewer");
            var (_, manager) = await AnnotatorAsync(app, projectId, "manager@example.com", "manager");
            var (_, otherManager) = await AnnotatorAsync(app, otherProject, "other-manager@example.com", "manager");
            var (_, outsider) = await app.CreateUserAsync("outsider@example.com");
            var first = (await annotator.NextAsync(projectId))!;
            var created = await (await SubmitAsync(annotator, projectId, first, Choice("a"))).JsonAsync();
            var second = (await annotator.NextAsync(projectId))!;
            await app.Services.GetRequiredService<Groundwork.Consensus.ConsensusWorker>().RunOnceAsync(CancellationToken.None);
            var hook = await app.Client.PostAsync(
                $"/api/v1/projects/{projectId}/webhooks",
                new StringContent("""{"url":"https://hooks.example.com/groundwork"}""", System.Text.Encoding.UTF8, "application/json"));
            await hook.ExpectAsync(HttpStatusCode.Created);
            var webhookId = (await hook.JsonAsync()).Id();
            var ping = await app.Client.PostAsync($"/api/v1/projects/{projectId}/webhooks/{webhookId}/ping", null);
            await ping.ExpectAsync(HttpStatusCode.Accepted);
            var export = await app.Client.PostAsync(
                $"/api/v1/projects/{projectId}/exports", new StringContent("""{"format":"jsonl"}""", System.Text.Encoding.UTF8, "application/json"));
            await export.ExpectAsync(HttpStatusCode.Accepted);
            return new Fixture
            {
                ProjectId = projectId,
                TaskId = ids[0],
                AnnotationId = created.Id(),
                LeaseId = LeaseId(second),
                AnnotatorId = annotatorId,
                UnleasedTaskId = ids[2],
                WebhookId = webhookId,
                DeliveryId = (await ping.JsonAsync()).Id(),
                ExportJobId = (await export.JsonAsync()).Id(),
                Clients = new Dictionary<Caller, HttpClient>
                {
                    [Caller.Outsider] = outsider,
                    [Caller.OtherProjectManager] = otherManager,
                    [Caller.Annotator] = annotator,
                    [Caller.Reviewer] = reviewer,
                    [Caller.Manager] = manager,
                    [Caller.Admin] = app.Client,
                },
            };
        }

        public const string MediaHash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

        public const string MediaName = MediaHash + ".png";

        public string Fill(string pattern) => pattern
            .Replace("{*name}", MediaName, StringComparison.Ordinal)
            .Replace("{projectId}", ProjectId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{taskId}", TaskId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{annotationId}", AnnotationId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{leaseId}", LeaseId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{userId}", AnnotatorId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{webhookId}", WebhookId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{deliveryId}", DeliveryId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{jobId}", ExportJobId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{tokenId}", "1", StringComparison.Ordinal)
            .Replace("{batch}", "b", StringComparison.Ordinal);
    }
}
