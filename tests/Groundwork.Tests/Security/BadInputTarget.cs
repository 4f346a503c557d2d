using System.Net;
using System.Text.Json.Nodes;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Security;

/// <summary>A running server with a seeded project: three tasks, one of them annotated.</summary>
public sealed class BadInputTarget
{
    public const string LabelConfig =
        """<View><Text name="text" value="$text"/><Choices name="label" toName="text"><Choice value="a"/><Choice value="b"/></Choices></View>""";

    private BadInputTarget(TestApp app, long projectId, long taskId, long annotationId)
    {
        App = app;
        ProjectId = projectId;
        TaskId = taskId;
        AnnotationId = annotationId;
    }

    public TestApp App { get; }

    public HttpClient Client => App.Client;

    public long ProjectId { get; }

    /// <summary>A task without annotations: a target for submissions.</summary>
    public long TaskId { get; }

    /// <summary>The admin's annotation on another task: a target for updates.</summary>
    public long AnnotationId { get; }

    internal static async Task<BadInputTarget> SeedAsync(TestApp app)
    {
        var project = await app.Client.CreateProjectAsync("seed project", overlap: 2, labelConfig: LabelConfig);
        var projectId = project.Id();
        var imported = await app.Client.ImportAsync(projectId, """
            {"unique_id":"seed-1","data":{"text":"first"},"batch":"seed"}
            {"unique_id":"seed-2","data":{"text":"second"},"meta":{"source":"seed"}}
            {"unique_id":"seed-3","data":{"text":"third"}}
            """);
        await imported.ExpectAsync(HttpStatusCode.OK);
        var tasks = (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks"))["items"]!.AsArray();
        var annotated = tasks[0]!.Id();
        var annotation = await app.Client.AnnotateAsync(projectId, annotated);
        await annotation.ExpectAsync(HttpStatusCode.Created);
        return new BadInputTarget(app, projectId, tasks[1]!.Id(), (await annotation.JsonAsync()).Id());
    }

    /// <summary>Everything the API can show of the store: projects, their tasks, and the tasks' annotations.</summary>
    public async Task<string> SnapshotAsync()
    {
        var snapshot = new JsonObject();
        var projects = await Client.GetJsonAsync("/api/v1/projects");
        snapshot["projects"] = projects.DeepClone();
        foreach (var project in projects.AsArray())
        {
            var id = project!.Id();
            var tasks = new JsonArray();
            string? cursor = null;
            do
            {
                var page = await Client.GetJsonAsync($"/api/v1/projects/{id}/tasks?limit=1000" + (cursor is null ? string.Empty : $"&cursor={cursor}"));
                foreach (var task in page["items"]!.AsArray())
                {
                    var copy = task!.DeepClone();
                    copy["annotations"] = (await Client.GetJsonAsync($"/api/v1/projects/{id}/tasks/{task.Id()}/annotations")).DeepClone();
                    tasks.Add(copy);
                }

                cursor = page["next_cursor"]?.ToString();
            }
            while (cursor is not null);
            snapshot[$"tasks of {id}"] = tasks;
        }

        return snapshot.Compact();
    }
}
