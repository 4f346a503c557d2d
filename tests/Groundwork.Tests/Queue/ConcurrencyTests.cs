using System.Collections.Concurrent;
using System.Net;
using Groundwork.Tests.Infrastructure;
using static Groundwork.Tests.Queue.QueueTestKit;

namespace Groundwork.Tests.Queue;

public sealed class ConcurrencyTests
{
    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task ManyConcurrentAnnotators_FillEveryTaskToExactlyItsOverlap_FromDistinctAnnotators(string provider)
    {
        const int annotators = 16;
        const int tasks = 40;
        const int overlap = 3;
        await using var app = await TestApp.StartAsync(provider);
        var projectId = await CreateProjectAsync(app, overlap);
        await ImportAsync(app, projectId, tasks);
        var clients = new List<HttpClient>();
        for (var i = 0; i < annotators; i++)
        {
            clients.Add((await AnnotatorAsync(app, projectId, $"a{i}@example.com")).Client);
        }

        var failures = new ConcurrentBag<string>();
        var submitted = new ConcurrentBag<(int Annotator, long Task)>();
        await Task.WhenAll(clients.Select((client, index) => Task.Run(async () =>
        {
            while (true)
            {
                var next = await client.PostAsync($"/api/v1/projects/{projectId}/next", null);
                if (next.StatusCode == HttpStatusCode.NoContent)
                {
                    return;
                }

                if (next.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"next: {(int)next.StatusCode} {await next.Content.ReadAsStringAsync()}");
                    return;
                }

                var leased = await next.JsonAsync();
                var submit = await SubmitAsync(client, projectId, leased, Choice(index % 2 == 0 ? "a" : "b"));
                if (submit.StatusCode != HttpStatusCode.Created)
                {
                    failures.Add($"submit: {(int)submit.StatusCode} {await submit.Content.ReadAsStringAsync()}");
                    return;
                }

                submitted.Add((index, TaskId(leased)));
            }
        })));

        Assert.Empty(failures);
        Assert.Equal(tasks * overlap, submitted.Count);
        Assert.All(submitted.GroupBy(s => s.Task), g =>
        {
            Assert.Equal(overlap, g.Count());
            Assert.Equal(overlap, g.Select(s => s.Annotator).Distinct().Count());
        });
        var page = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks?limit=1000");
        Assert.All(page["items"]!.AsArray(), t =>
        {
            Assert.Equal("completed", t!["status"]!.GetValue<string>());
            Assert.Equal(overlap, t["annotation_count"]!.GetValue<int>());
        });
        var progress = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/progress");
        Assert.Equal(0, progress["live_leases"]!.GetValue<long>());
        Assert.Equal(tasks, progress["tasks"]!["completed"]!.GetValue<long>());
    }
}
