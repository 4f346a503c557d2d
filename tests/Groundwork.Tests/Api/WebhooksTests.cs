using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Groundwork.Core.Events;
using Groundwork.Core.Projects;
using Groundwork.Data;
using Groundwork.Data.Events;
using Groundwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Groundwork.Tests.Api;

public sealed class WebhooksTests
{
    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task AnnotationSubmitted_DeliversSignedEvents_AndLogsTheAttempt(string provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await TestApp.StartAsync(provider, WebhookTestKit.Dispatcher());
        var projectId = (await app.Client.CreateProjectAsync()).Id();
        var (hookId, secret) = await app.Client.CreateWebhookAsync(projectId, receiver.Url(), EventKinds.AnnotationCreated, EventKinds.TaskCompleted);
        await (await app.Client.ImportAsync(projectId, """{"data":{"text":"hello"},"unique_id":"u1"}""")).ExpectAsync(HttpStatusCode.OK);
        var taskId = await app.Client.FirstTaskIdAsync(projectId);

        await (await app.Client.AnnotateAsync(projectId, taskId)).ExpectAsync(HttpStatusCode.Created);

        var received = await receiver.WaitForAsync(r => r.Count >= 2);
        Assert.Equal(2, received.Count);
        Assert.All(received, r => Assert.True(r.IsSignedWith(secret, DateTimeOffset.UtcNow), "the signature must verify with the subscription's secret"));
        Assert.All(received, r => Assert.False(r.IsSignedWith("whsec_wrong", DateTimeOffset.UtcNow)));
        var created = received.Single(r => r.Event == EventKinds.AnnotationCreated).Json;
        Assert.Equal(EventKinds.AnnotationCreated, created["event"]!.GetValue<string>());
        Assert.Equal(projectId, created["project_id"]!.GetValue<long>());
        Assert.Equal(taskId, created["data"]!["annotation"]!["task_id"]!.GetValue<long>());
        Assert.Equal("a", created["data"]!["annotation"]!["result"]![0]!["value"]!["choices"]![0]!.GetValue<string>());
        Assert.NotNull(created["actor"]!["user_id"]);
        var completed = received.Single(r => r.Event == EventKinds.TaskCompleted).Json;
        Assert.Equal("completed", completed["data"]!["task"]!["status"]!.GetValue<string>());
        Assert.Single(completed["data"]!["annotations"]!.AsArray());

        var deliveries = await app.Client.WaitForDeliveriesAsync(
            $"/api/v1/projects/{projectId}/webhooks/{hookId}/deliveries", items => items.Count == 2 && items.All(d => d!["state"]!.GetValue<string>() == "delivered"));
        foreach (var delivery in deliveries)
        {
            Assert.Equal(1, delivery!["attempts"]!.GetValue<int>());
            Assert.Equal(200, delivery["attempt_log"]![0]!["status_code"]!.GetValue<int>());
            Assert.Contains(received, r => r.DeliveryId == delivery.Id().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task FailingReceiver_IsRetriedWithBackOff_GoesDeadAfterMaxAge_AndCanBeRedelivered(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Status = 500;
        await using var app = await TestApp.StartAsync(provider, WebhookTestKit.Dispatcher(), s => s.AddSingleton<TimeProvider>(clock));
        var projectId = (await app.Client.CreateProjectAsync()).Id();
        var (hookId, _) = await app.Client.CreateWebhookAsync(projectId, receiver.Url(), EventKinds.AnnotationCreated);
        var deliveriesUrl = $"/api/v1/projects/{projectId}/webhooks/{hookId}/deliveries";

        await (await app.Client.PostAsync($"/api/v1/projects/{projectId}/webhooks/{hookId}/ping", null)).ExpectAsync(HttpStatusCode.Accepted);
        var first = (await app.Client.WaitForDeliveriesAsync(deliveriesUrl, items => Attempts(items) == 1))[0]!;
        Assert.Equal("pending", first["state"]!.GetValue<string>());
        Assert.Equal(500, first["last_status"]!.GetValue<int>());
        var delay = NextAttempt(first) - clock.GetUtcNow();
        Assert.InRange(delay.TotalSeconds, 8, 12);

        // Not due yet: nothing more is sent until the clock reaches the back-off.
        await Task.Delay(300);
        Assert.Single(receiver.Received);
        clock.Advance(delay + TimeSpan.FromSeconds(1));
        var second = (await app.Client.WaitForDeliveriesAsync(deliveriesUrl, items => Attempts(items) == 2))[0]!;
        Assert.InRange((NextAttempt(second) - clock.GetUtcNow()).TotalSeconds, 16, 24);

        // A day later the next failure is the last: the delivery is dead.
        clock.Advance(TimeSpan.FromHours(25));
        var dead = (await app.Client.WaitForDeliveriesAsync(deliveriesUrl, items => items[0]!["state"]!.GetValue<string>() == "dead"))[0]!;
        Assert.Equal(3, dead["attempts"]!.GetValue<int>());
        Assert.All(dead["attempt_log"]!.AsArray(), a => Assert.Equal(500, a!["status_code"]!.GetValue<int>()));
        await Task.Delay(300);
        Assert.Equal(3, receiver.Received.Count);

        receiver.Status = 204;
        var redeliver = await app.Client.PostAsync($"{deliveriesUrl}/{dead.Id()}/redeliver", null);
        await redeliver.ExpectAsync(HttpStatusCode.OK);
        var delivered = (await app.Client.WaitForDeliveriesAsync(deliveriesUrl, items => items[0]!["state"]!.GetValue<string>() == "delivered"))[0]!;
        Assert.Equal(4, delivered["attempts"]!.GetValue<int>());
        Assert.Equal(204, delivered["last_status"]!.GetValue<int>());

        // Redelivery works on a delivered one too.
        await (await app.Client.PostAsync($"{deliveriesUrl}/{dead.Id()}/redeliver", null)).ExpectAsync(HttpStatusCode.OK);
        await receiver.WaitForAsync(r => r.Count == 5);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task PendingDelivery_SurvivesARestart(string provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var first = await TestApp.StartAsync(provider, WebhookTestKit.Dispatcher(enabled: false));
        var projectId = (await first.Client.CreateProjectAsync()).Id();
        var (hookId, secret) = await first.Client.CreateWebhookAsync(projectId, receiver.Url(), EventKinds.TaskCreated);
        await (await first.Client.ImportAsync(projectId, "{\"text\":\"a\"}\n{\"text\":\"b\"}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, await first.ScalarAsync("SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'pending'"));
        await first.StopAsync();

        await using var restarted = await first.StartPeerAsync(WebhookTestKit.Dispatcher(enabled: true));
        var received = await receiver.WaitForAsync(r => r.Count == 2);
        Assert.All(received, r => Assert.True(r.IsSignedWith(secret, DateTimeOffset.UtcNow)));
        Assert.All(received, r => Assert.Equal(EventKinds.TaskCreated, r.Event));
        Assert.Equal(["a", "b"], received.Select(r => r.Json["data"]!["task"]!["data"]!["text"]!.GetValue<string>()).Order());
        await restarted.Client.WaitForDeliveriesAsync(
            $"/api/v1/projects/{projectId}/webhooks/{hookId}/deliveries", items => items.All(d => d!["state"]!.GetValue<string>() == "delivered"));
    }

    [Fact]
    public async Task TwoServersOnOnePostgres_DeliverEachEventExactlyOnce()
    {
        const int events = 60;
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var one = await TestApp.StartAsync("postgres", WebhookTestKit.Dispatcher(enabled: false, batchSize: 5));
        var projectId = (await one.Client.CreateProjectAsync()).Id();
        await one.Client.CreateWebhookAsync(projectId, receiver.Url(), EventKinds.TaskCreated);
        var lines = string.Join('\n', Enumerable.Range(0, events).Select(i => $$"""{"text":"t{{i}}"}"""));
        await (await one.Client.ImportAsync(projectId, lines)).ExpectAsync(HttpStatusCode.OK);
        await one.StopAsync();

        // Both start on a full outbox at the same moment and race for it.
        var starting = new[] { one.StartPeerAsync(WebhookTestKit.Dispatcher(batchSize: 5)), one.StartPeerAsync(WebhookTestKit.Dispatcher(batchSize: 5)) };
        await using var a = await starting[0];
        await using var b = await starting[1];
        await receiver.WaitForAsync(r => r.Count >= events);
        await Task.Delay(500);
        var received = receiver.Received;
        Assert.Equal(events, received.Count);
        Assert.Equal(events, received.Select(r => r.DeliveryId).Distinct().Count());
        Assert.Equal(events, await a.ScalarAsync("SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'delivered' AND attempts = 1"));
        Assert.Equal(events, await a.ScalarAsync("SELECT COUNT(*) FROM webhook_attempts"));
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task FailedTransactions_LeaveNoOutboxRowsAndNoAuditEvent(string provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await TestApp.StartAsync(provider, WebhookTestKit.Dispatcher(enabled: false));
        var projectId = (await app.Client.CreateProjectAsync()).Id();
        await app.Client.CreateWebhookAsync(projectId, receiver.Url(), EventKinds.All.ToArray());
        var importsBefore = await app.ScalarAsync("SELECT COUNT(*) FROM audit_events WHERE action = 'tasks.imported'");

        var bad = await app.Client.ImportAsync(projectId, "{\"text\":\"a\"}\n{\"text\":\"b\"}\n{\"data\": 5}");
        var problem = await bad.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(3, problem["line"]!.GetValue<int>());
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM webhook_deliveries"));
        Assert.Equal(importsBefore, await app.ScalarAsync("SELECT COUNT(*) FROM audit_events WHERE action = 'tasks.imported'"));

        // A store transaction that records a change and then fails leaves neither its audit event nor its deliveries.
        var db = app.Services.GetRequiredService<GroundworkDatabase>();
        var journal = app.Services.GetRequiredService<ChangeJournal>();
        var auditBefore = await app.ScalarAsync("SELECT COUNT(*) FROM audit_events");
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var scope = await db.BeginWriteAsync(CancellationToken.None);
            await journal.RecordAsync(scope, new ChangeEvent(EventKinds.ExportFinished, projectId, "export", "1", null, """{"export":{"id":1}}"""), CancellationToken.None);
            Assert.Equal(1, await CountInScopeAsync(scope, "SELECT COUNT(*) FROM webhook_deliveries"));
            throw new InvalidOperationException("the change failed after recording");
        });
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM webhook_deliveries"));
        Assert.Equal(auditBefore, await app.ScalarAsync("SELECT COUNT(*) FROM audit_events"));
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task CallbackUrl_ReceivesTheCompletedTaskWithItsAnnotations_Signed(string provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await TestApp.StartAsync(provider, WebhookTestKit.Dispatcher());
        var projectId = (await app.Client.CreateProjectAsync(overlap: 2)).Id();
        var callback = receiver.Url("/callbacks/task-7");
        await (await app.Client.ImportAsync(projectId, $$"""{"data":{"text":"hi"},"unique_id":"7","callback_url":"{{callback}}"}""")).ExpectAsync(HttpStatusCode.OK);
        var taskId = await app.Client.FirstTaskIdAsync(projectId);
        var (_, annotator) = await app.CreateUserAsync("callback-annotator@example.com");
        await TaskLifecycleTests.AddMemberAsync(app, projectId, "callback-annotator@example.com");

        await (await app.Client.AnnotateAsync(projectId, taskId)).ExpectAsync(HttpStatusCode.Created);
        await Task.Delay(300);
        Assert.Empty(receiver.Received);
        Assert.Equal(taskId, (await annotator.NextAsync(projectId))!["task"]!.Id());
        await (await annotator.AnnotateAsync(projectId, taskId, """[{"from_name":"label","to_name":"text","type":"choices","value":{"choices":["b"]}}]""")).ExpectAsync(HttpStatusCode.Created);

        var received = (await receiver.WaitForAsync(r => r.Count == 1))[0];
        Assert.Equal("/callbacks/task-7", received.Path);
        Assert.Equal(EventKinds.TaskCompleted, received.Event);
        var secret = (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/callbacks/secret"))["secret"]!.GetValue<string>();
        Assert.True(received.IsSignedWith(secret, DateTimeOffset.UtcNow));
        var task = received.Json["data"]!["task"]!;
        Assert.Equal(taskId, task.Id());
        Assert.Equal("7", task["unique_id"]!.GetValue<string>());
        Assert.Equal(callback, task["callback_url"]!.GetValue<string>());
        Assert.Equal("hi", task["data"]!["text"]!.GetValue<string>());
        var annotations = received.Json["data"]!["annotations"]!.AsArray();
        Assert.Equal(["a", "b"], annotations.Select(a => a!["result"]![0]!["value"]!["choices"]![0]!.GetValue<string>()));

        var deliveries = await app.Client.WaitForDeliveriesAsync(
            $"/api/v1/projects/{projectId}/callbacks/deliveries", items => items.Count == 1 && items[0]!["state"]!.GetValue<string>() == "delivered");
        Assert.Null(deliveries[0]!["webhook_id"]);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task CallbackUrl_ThatIsNotAnAbsoluteHttpUrl_Is400NamingTheLine(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, WebhookTestKit.Dispatcher(enabled: false));
        var projectId = (await app.Client.CreateProjectAsync()).Id();
        foreach (var url in new[] { "ftp://example.com/x", "/relative", "not a url", "http://user:pw@example.com/" })
        {
            var response = await app.Client.ImportAsync(projectId, """{"data":{"text":"ok"}}""" + "\n" + $$$"""{"data":{"text":"x"},"callback_url":"{{{url}}}"}""");
            var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal(2, problem["line"]!.GetValue<int>());
            Assert.Equal("callback_url", problem["field"]!.GetValue<string>());
        }

        var numeric = await app.Client.ImportAsync(projectId, """{"data":{"text":"x"},"callback_url":5}""");
        Assert.Equal("callback_url", (await numeric.ExpectProblemAsync(HttpStatusCode.BadRequest))["field"]!.GetValue<string>());
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM tasks"));
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task WebhooksApi_ManagersOnly_ValidatesInput_ShowsTheSecretOnlyOnce(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, WebhookTestKit.Dispatcher(enabled: false));
        var projectId = (await app.Client.CreateProjectAsync()).Id();
        var (_, annotator) = await app.CreateUserAsync("hook-annotator@example.com");
        var (_, outsider) = await app.CreateUserAsync("hook-outsider@example.com");
        var (_, manager) = await app.CreateUserAsync("hook-manager@example.com");
        await TaskLifecycleTests.AddMemberAsync(app, projectId, "hook-annotator@example.com");
        await TaskLifecycleTests.AddMemberAsync(app, projectId, "hook-manager@example.com", ProjectRole.Manager);
        var url = $"/api/v1/projects/{projectId}/webhooks";
        var body = new Dictionary<string, object?> { ["url"] = "https://example.com/hook" };

        await (await annotator.PostAsJsonAsync(url, body)).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await annotator.GetAsync(url)).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await outsider.GetAsync(url)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await annotator.GetAsync($"/api/v1/projects/{projectId}/callbacks/secret")).ExpectProblemAsync(HttpStatusCode.Forbidden);

        var bad = await manager.PostAsJsonAsync(url, new Dictionary<string, object?> { ["url"] = "ftp://x", ["events"] = new[] { "task.created", "task.exploded" } });
        var problem = await bad.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["url"]);
        Assert.NotNull(problem["errors"]!["events[1]"]);

        var created = await manager.PostAsJsonAsync(url, body);
        await created.ExpectAsync(HttpStatusCode.Created);
        var hook = await created.JsonAsync();
        Assert.StartsWith("whsec_", hook["secret"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(EventKinds.All, hook["events"]!.AsArray().Select(e => e!.GetValue<string>()));
        var read = await manager.GetJsonAsync($"{url}/{hook.Id()}");
        Assert.Null(read["secret"]);
        Assert.DoesNotContain(hook["secret"]!.GetValue<string>(), await app.ScalarTextAsync("SELECT secret FROM webhooks"), StringComparison.Ordinal);

        var patched = await manager.PatchAsJsonAsync($"{url}/{hook.Id()}", new Dictionary<string, object?> { ["active"] = false, ["events"] = new[] { "task.completed" } });
        await patched.ExpectAsync(HttpStatusCode.OK);
        var patchedBody = await patched.JsonAsync();
        Assert.False(patchedBody["active"]!.GetValue<bool>());
        Assert.Equal("https://example.com/hook", patchedBody["url"]!.GetValue<string>());
        var rotated = await (await manager.PostAsync($"{url}/{hook.Id()}/rotate-secret", null)).JsonAsync();
        Assert.NotEqual(hook["secret"]!.GetValue<string>(), rotated["secret"]!.GetValue<string>());

        await (await manager.DeleteAsync($"{url}/{hook.Id()}")).ExpectAsync(HttpStatusCode.NoContent);
        await (await manager.GetAsync($"{url}/{hook.Id()}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        var actions = (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/audit?limit=1000"))["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Contains(AuditActions.WebhookCreated, actions);
        Assert.Contains(AuditActions.WebhookUpdated, actions);
        Assert.Contains(AuditActions.WebhookSecretRotated, actions);
        Assert.Contains(AuditActions.WebhookDeleted, actions);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task InactiveOrUninterestedSubscriptions_GetNothing_AndImportsWithoutSubscribersQueueNothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, WebhookTestKit.Dispatcher(enabled: false));
        var projectId = (await app.Client.CreateProjectAsync()).Id();
        await (await app.Client.ImportAsync(projectId, "{\"text\":\"a\"}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM webhook_deliveries"));

        var (hookId, _) = await app.Client.CreateWebhookAsync(projectId, "http://127.0.0.1:9/hook", EventKinds.AnnotationCreated);
        await (await app.Client.ImportAsync(projectId, "{\"text\":\"b\"}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM webhook_deliveries"));
        await (await app.Client.PatchAsJsonAsync($"/api/v1/projects/{projectId}/webhooks/{hookId}", new Dictionary<string, object?> { ["active"] = false })).ExpectAsync(HttpStatusCode.OK);
        await (await app.Client.AnnotateAsync(projectId, await app.Client.FirstTaskIdAsync(projectId))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM webhook_deliveries"));
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task TaskCreated_IsQueuedOnlyForTasksTheImportCreated(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, WebhookTestKit.Dispatcher(enabled: false));
        var projectId = (await app.Client.CreateProjectAsync()).Id();
        var otherProject = (await app.Client.CreateProjectAsync("other")).Id();
        var (hookId, _) = await app.Client.CreateWebhookAsync(projectId, "http://127.0.0.1:9/hook", EventKinds.TaskCreated);
        await (await app.Client.ImportAsync(otherProject, "{\"text\":\"elsewhere\"}")).ExpectAsync(HttpStatusCode.OK);
        await (await app.Client.ImportAsync(projectId, "{\"unique_id\":\"u1\",\"data\":{\"text\":\"1\"}}\n{\"unique_id\":\"u2\",\"data\":{\"text\":\"2\"}}")).ExpectAsync(HttpStatusCode.OK);
        var second = await app.Client.ImportAsync(projectId, "{\"unique_id\":\"u2\",\"data\":{\"text\":\"again\"}}\n{\"unique_id\":\"u3\",\"data\":{\"text\":\"3\"}}");
        Assert.Equal(1, (await second.JsonAsync())["skipped"]!.GetValue<int>());

        var deliveries = (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/webhooks/{hookId}/deliveries"))["items"]!.AsArray();
        var tasks = deliveries.Select(d => d!["payload"]!["data"]!["task"]!).ToList();
        Assert.Equal(["u1", "u2", "u3"], tasks.Select(t => t["unique_id"]!.GetValue<string>()).Order());
        Assert.Equal(["1", "2", "3"], tasks.Select(t => t["data"]!["text"]!.GetValue<string>()).Order());
        Assert.All(deliveries, d => Assert.Equal(EventKinds.TaskCreated, d!["payload"]!["event"]!.GetValue<string>()));
        Assert.All(tasks, t => Assert.Equal(projectId, t["project_id"]!.GetValue<long>()));
        var eventIds = deliveries.Select(d => d!["payload"]!["event_id"]!.GetValue<string>()).ToList();
        Assert.All(eventIds, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.Equal(3, eventIds.Distinct().Count());

        // A second subscriber to the same events gets the same event ids: receivers can deduplicate across subscriptions.
        var (otherHook, _) = await app.Client.CreateWebhookAsync(projectId, "http://127.0.0.1:9/other", EventKinds.TaskCreated);
        await (await app.Client.ImportAsync(projectId, "{\"unique_id\":\"u4\",\"data\":{\"text\":\"4\"}}")).ExpectAsync(HttpStatusCode.OK);
        var toFirst = (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/webhooks/{hookId}/deliveries?limit=1"))["items"]![0]!["payload"]!;
        var toSecond = (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/webhooks/{otherHook}/deliveries?limit=1"))["items"]![0]!["payload"]!;
        Assert.Equal(toFirst["event_id"]!.GetValue<string>(), toSecond["event_id"]!.GetValue<string>());
        Assert.Equal("u4", toSecond["data"]!["task"]!["unique_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task PrivateAddresses_AreRefusedUnlessAllowed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = WebhookTestKit.Dispatcher();
        settings["Groundwork:Webhooks:AllowPrivateNetworks"] = "false";
        await using var app = await TestApp.StartAsync("sqlite", settings);
        var projectId = (await app.Client.CreateProjectAsync()).Id();
        var (hookId, _) = await app.Client.CreateWebhookAsync(projectId, receiver.Url(), EventKinds.AnnotationCreated);

        await (await app.Client.PostAsync($"/api/v1/projects/{projectId}/webhooks/{hookId}/ping", null)).ExpectAsync(HttpStatusCode.Accepted);

        var delivery = (await app.Client.WaitForDeliveriesAsync($"/api/v1/projects/{projectId}/webhooks/{hookId}/deliveries", items => Attempts(items) == 1))[0]!;
        Assert.Contains("private addresses", delivery["last_error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(delivery["attempt_log"]![0]!["status_code"]);
        Assert.Empty(receiver.Received);
    }

    private static int Attempts(JsonArray items) => items.Count == 0 ? 0 : items[0]!["attempts"]!.GetValue<int>();

    private static DateTimeOffset NextAttempt(JsonNode delivery) => DateTimeOffset.Parse(delivery["next_attempt_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<long> CountInScopeAsync(WriteScope scope, string sql)
    {
        await using var command = scope.Connection.CreateCommand();
        command.Transaction = scope.Transaction;
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
