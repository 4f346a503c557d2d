using System.Net;
using Groundwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Tests.Api;

public sealed class TaskLifecycleTests
{
    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task OverlapTwo_QueuedThenInProgressThenCompleted_AndNoThirdAnnotation(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var project = await app.Client.CreateProjectAsync(overlap: 2);
        var projectId = project.Id();
        await app.Client.ImportAsync(projectId, """{"unique_id":"t","data":{"text":"hello"}}""");
        var taskId = (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks"))["items"]![0]!.Id();
        var (_, first) = await app.CreateUserAsync("first@example.com");
        var (_, second) = await app.CreateUserAsync("second@example.com");
        var (_, third) = await app.CreateUserAsync("third@example.com");
        await AddMemberAsync(app, projectId, "first@example.com");
        await AddMemberAsync(app, projectId, "second@example.com");
        await AddMemberAsync(app, projectId, "third@example.com");

        Assert.Equal("queued", await StatusAsync(app, projectId, taskId));
        await first.NextAsync(projectId);
        await second.NextAsync(projectId);
        var thirdGetsNothing = await third.NextAsync(projectId);
        Assert.Null(thirdGetsNothing);
        await (await first.AnnotateAsync(projectId, taskId)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("in_progress", await StatusAsync(app, projectId, taskId));
        var again = await first.AnnotateAsync(projectId, taskId);
        await again.ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await second.AnnotateAsync(projectId, taskId)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("completed", await StatusAsync(app, projectId, taskId));
        var unleased = await third.AnnotateAsync(projectId, taskId);
        Assert.Contains("not leased to you", (await unleased.ExpectProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var over = await app.Client.AnnotateAsync(projectId, taskId);
        var problem = await over.ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("2 annotation", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var annotations = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks/{taskId}/annotations");
        Assert.Equal(2, annotations.AsArray().Count);
        var secondsAnnotation = annotations[1]!.Id();
        await (await second.DeleteAsync($"/api/v1/projects/{projectId}/annotations/{secondsAnnotation}")).ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal("in_progress", await StatusAsync(app, projectId, taskId));
        var task = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks/{taskId}");
        Assert.Equal(1, task["annotation_count"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Cancel_QueuedTask_RefusesLaterAnnotations_AndCompletedTaskCannotBeCanceled(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var project = await app.Client.CreateProjectAsync(overlap: 1);
        var projectId = project.Id();
        await app.Client.ImportAsync(projectId, "{\"text\":\"a\"}\n{\"text\":\"b\"}");
        var items = (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks"))["items"]!;
        var toCancel = items[0]!.Id();
        var toComplete = items[1]!.Id();

        var cancel = await app.Client.PostAsync($"/api/v1/projects/{projectId}/tasks/{toCancel}/cancel", null);
        await cancel.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("canceled", (await cancel.JsonAsync())["status"]!.GetValue<string>());
        await (await app.Client.AnnotateAsync(projectId, toCancel)).ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await app.Client.PostAsync($"/api/v1/projects/{projectId}/tasks/{toCancel}/cancel", null)).ExpectProblemAsync(HttpStatusCode.Conflict);

        await (await app.Client.AnnotateAsync(projectId, toComplete)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("completed", await StatusAsync(app, projectId, toComplete));
        await (await app.Client.PostAsync($"/api/v1/projects/{projectId}/tasks/{toComplete}/cancel", null)).ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Annotation_OnlyTheAuthorMayChangeIt_AndAnnotatorsSeeOnlyTheirOwn()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var projectId = (await app.Client.CreateProjectAsync(overlap: 2)).Id();
        await app.Client.ImportAsync(projectId, "{\"text\":\"a\"}");
        var taskId = (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks"))["items"]![0]!.Id();
        var (_, alice) = await app.CreateUserAsync("alice@example.com");
        var (_, bob) = await app.CreateUserAsync("bob@example.com");
        await AddMemberAsync(app, projectId, "alice@example.com");
        await AddMemberAsync(app, projectId, "bob@example.com");
        var created = await (await alice.SubmitNextAsync(projectId)).JsonAsync();
        await (await bob.SubmitNextAsync(projectId)).ExpectAsync(HttpStatusCode.Created);

        var bobEdits = await bob.PatchAsync($"/api/v1/projects/{projectId}/annotations/{created.Id()}", new StringContent("""{"result":[]}""", System.Text.Encoding.UTF8, "application/json"));
        var aliceEdits = await alice.PatchAsync($"/api/v1/projects/{projectId}/annotations/{created.Id()}", new StringContent("""{"result":[],"lead_time":9}""", System.Text.Encoding.UTF8, "application/json"));
        var bobSees = await bob.GetJsonAsync($"/api/v1/projects/{projectId}/tasks/{taskId}/annotations");

        await bobEdits.ExpectProblemAsync(HttpStatusCode.NotFound);
        await aliceEdits.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("[]", (await aliceEdits.JsonAsync())["result"].Compact());
        Assert.Single(bobSees.AsArray());
    }

    [Theory]
    [InlineData("""[{"id":"r","from_name":"label","to_name":"text","type":"choices","value":{"choices":["c"]}}]""", "\"c\"")]
    [InlineData("""[{"id":"r","from_name":"nope","to_name":"text","type":"choices","value":{"choices":["a"]}}]""", "nope")]
    [InlineData("""[{"id":"r","from_name":"label","to_name":"text","type":"labels","value":{"labels":["a"],"start":0,"end":1}}]""", "type")]
    public async Task Annotation_NotFittingTheConfig_Returns400NamingTheRegion(string result, string expected)
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var projectId = (await app.Client.CreateProjectAsync()).Id();
        await app.Client.ImportAsync(projectId, "{\"text\":\"hello\"}");
        var taskId = (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks"))["items"]![0]!.Id();

        var response = await app.Client.AnnotateAsync(projectId, taskId, result);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem["errors"]!["result[0]"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("queued", await StatusAsync(app, projectId, taskId));
    }

    internal static async Task<string> StatusAsync(TestApp app, long projectId, long taskId) =>
        (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks/{taskId}"))["status"]!.GetValue<string>();

    internal static async Task AddMemberAsync(TestApp app, long projectId, string email, Groundwork.Core.Projects.ProjectRole role = Groundwork.Core.Projects.ProjectRole.Annotator)
    {
        var users = app.Services.GetRequiredService<Groundwork.Core.Users.IUserStore>();
        var projects = app.Services.GetRequiredService<Groundwork.Core.Projects.IProjectStore>();
        var user = await users.GetByEmailAsync(email, CancellationToken.None);
        await projects.SetMemberAsync(projectId, user!.Id, role, CancellationToken.None);
    }
}
