using System.Net;
using System.Net.Http.Json;
using Groundwork.Core.Events;
using Groundwork.Core.Projects;
using Groundwork.Data;
using Groundwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Tests.Api;

public sealed class AuditTests
{
    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task StateChanges_AreAudited_WithActorProjectAndSubject(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, WebhookTestKit.Dispatcher(enabled: false));
        var projectId = (await app.Client.CreateProjectAsync()).Id();
        await (await app.Client.PatchAsJsonAsync($"/api/v1/projects/{projectId}", new Dictionary<string, object?> { ["name"] = "renamed" })).ExpectAsync(HttpStatusCode.OK);
        await (await app.Client.ImportAsync(projectId, "{\"text\":\"a\"}\n{\"text\":\"b\"}")).ExpectAsync(HttpStatusCode.OK);
        var items = (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks"))["items"]!;
        var created = await (await app.Client.AnnotateAsync(projectId, items[0]!.Id())).JsonAsync();
        await (await app.Client.PatchAsJsonAsync($"/api/v1/projects/{projectId}/annotations/{created.Id()}", new Dictionary<string, object?>
        {
            ["result"] = System.Text.Json.Nodes.JsonNode.Parse("""[{"from_name":"label","to_name":"text","type":"choices","value":{"choices":["b"]}}]"""),
        })).ExpectAsync(HttpStatusCode.OK);
        await (await app.Client.DeleteAsync($"/api/v1/projects/{projectId}/annotations/{created.Id()}")).ExpectAsync(HttpStatusCode.NoContent);
        await (await app.Client.PostAsync($"/api/v1/projects/{projectId}/tasks/{items[1]!.Id()}/cancel", null)).ExpectAsync(HttpStatusCode.OK);

        var events = (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/audit"))["items"]!.AsArray();
        Assert.Equal(
            [
                AuditActions.TaskCanceled, EventKinds.AnnotationDeleted, EventKinds.AnnotationUpdated, EventKinds.TaskCompleted, EventKinds.AnnotationCreated,
                AuditActions.TasksImported, AuditActions.ProjectUpdated, AuditActions.ProjectCreated,
            ],
            events.Select(e => e!["action"]!.GetValue<string>()));
        var admin = await app.Services.GetRequiredService<Groundwork.Core.Users.IUserStore>().GetFirstAdminAsync(CancellationToken.None);
        Assert.All(events, e => Assert.Equal(admin!.Id, e!["actor_id"]!.GetValue<long>()));
        Assert.All(events, e => Assert.Equal(projectId, e!["project_id"]!.GetValue<long>()));
        var import = events.Single(e => e!["action"]!.GetValue<string>() == AuditActions.TasksImported)!;
        Assert.Equal(2, import["details"]!["created"]!.GetValue<long>());
        var annotation = events.Single(e => e!["action"]!.GetValue<string>() == EventKinds.AnnotationCreated)!;
        Assert.Equal("annotation", annotation["subject_type"]!.GetValue<string>());
        Assert.Equal(created.Id().ToString(System.Globalization.CultureInfo.InvariantCulture), annotation["subject_id"]!.GetValue<string>());

        await (await app.Client.DeleteAsync($"/api/v1/projects/{projectId}")).ExpectAsync(HttpStatusCode.NoContent);
        var all = (await app.Client.GetJsonAsync($"/api/v1/audit?project_id={projectId}&action=project.deleted"))["items"]!.AsArray();
        Assert.Single(all);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task ProjectAudit_ManagersSeeTheirProjectOnly_OthersAreRefused_AdminsSeeEverything(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, WebhookTestKit.Dispatcher(enabled: false));
        var mine = (await app.Client.CreateProjectAsync("mine")).Id();
        var other = (await app.Client.CreateProjectAsync("other")).Id();
        var (managerUser, manager) = await app.CreateUserAsync("audit-manager@example.com");
        var (_, annotator) = await app.CreateUserAsync("audit-annotator@example.com");
        await TaskLifecycleTests.AddMemberAsync(app, mine, "audit-manager@example.com", ProjectRole.Manager);
        await TaskLifecycleTests.AddMemberAsync(app, mine, "audit-annotator@example.com");
        await (await manager.ImportAsync(mine, "{\"text\":\"a\"}")).ExpectAsync(HttpStatusCode.OK);
        await (await app.Client.ImportAsync(other, "{\"text\":\"b\"}")).ExpectAsync(HttpStatusCode.OK);

        var page = (await manager.GetJsonAsync($"/api/v1/projects/{mine}/audit"))["items"]!.AsArray();
        Assert.NotEmpty(page);
        Assert.All(page, e => Assert.Equal(mine, e!["project_id"]!.GetValue<long>()));
        var byManager = (await manager.GetJsonAsync($"/api/v1/projects/{mine}/audit?actor_id={managerUser.Id}"))["items"]!.AsArray();
        Assert.Equal(AuditActions.TasksImported, Assert.Single(byManager)!["action"]!.GetValue<string>());
        await (await manager.GetAsync($"/api/v1/projects/{other}/audit")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await annotator.GetAsync($"/api/v1/projects/{mine}/audit")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await manager.GetAsync("/api/v1/audit")).ExpectProblemAsync(HttpStatusCode.Forbidden);

        var everything = (await app.Client.GetJsonAsync("/api/v1/audit?action=tasks.imported"))["items"]!.AsArray();
        Assert.Equal([other, mine], everything.Select(e => e!["project_id"]!.GetValue<long>()));

        // Cursor paging walks the same events one at a time, newest first.
        var walked = new List<long>();
        string? cursor = null;
        do
        {
            var next = await app.Client.GetJsonAsync($"/api/v1/projects/{mine}/audit?limit=1" + (cursor is null ? string.Empty : $"&cursor={cursor}"));
            walked.AddRange(next["items"]!.AsArray().Select(e => e!.Id()));
            cursor = next["next_cursor"]?.ToString();
        }
        while (cursor is not null);
        Assert.Equal(page.Select(e => e!.Id()), walked);

        var since = DateTimeOffset.UtcNow.AddMinutes(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Empty((await app.Client.GetJsonAsync($"/api/v1/audit?since={Uri.EscapeDataString(since)}"))["items"]!.AsArray());
        await (await app.Client.GetAsync("/api/v1/audit?limit=0")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await (await app.Client.GetAsync("/api/v1/audit?since=yesterday")).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task AuditLog_HasNoWriteRoutes_AndTheStoreRefusesChanges(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, WebhookTestKit.Dispatcher(enabled: false));
        var projectId = (await app.Client.CreateProjectAsync()).Id();
        var count = await app.ScalarAsync("SELECT COUNT(*) FROM audit_events");
        var eventId = (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/audit"))["items"]![0]!.Id();
        foreach (var url in new[] { "/api/v1/audit", $"/api/v1/projects/{projectId}/audit", $"/api/v1/audit/{eventId}", $"/api/v1/projects/{projectId}/audit/{eventId}" })
        {
            foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete })
            {
                using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(new { action = "forged" }) };
                var response = await app.Client.SendAsync(request);
                Assert.True(response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, $"{method} {url} answered {(int)response.StatusCode}");
            }
        }

        Assert.Equal(count, await app.ScalarAsync("SELECT COUNT(*) FROM audit_events"));
        var db = app.Services.GetRequiredService<GroundworkDatabase>();
        await using var connection = await db.OpenAsync(CancellationToken.None);
        foreach (var sql in new[] { "UPDATE audit_events SET action = 'forged'", "DELETE FROM audit_events" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => command.ExecuteNonQueryAsync());
        }

        Assert.Equal(count, await app.ScalarAsync("SELECT COUNT(*) FROM audit_events"));
    }
}
